using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// Replaces every channel by the luma 0.2989 R + 0.587 G + 0.114 B, keeping the channel count
/// (torchvision's <c>RandomGrayscale</c> when wrapped in a step with p = 0.2). Grey images pass unchanged.
/// </summary>
public sealed class Grayscale : IImageAugmentation
{
    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input)
    {
        ColorOps.RequireGreyOrRgb(input, nameof(Grayscale));
        return input;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        ColorOps.RequireGreyOrRgb(geometry, nameof(Grayscale));
        src.CopyTo(dst);
        if (geometry.Channels == 3) ColorOps.Grayscale(dst, geometry.Plane);
    }
}
