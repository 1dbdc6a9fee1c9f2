using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>Mirrors the image top-bottom (y -> H - 1 - y).</summary>
public sealed class VerticalFlip : IImageAugmentation
{
    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input) => input;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        int w = geometry.Width, h = geometry.Height;
        for (var c = 0; c < geometry.Channels; c++)
            for (var y = 0; y < h; y++)
                src.Slice((c * h + h - 1 - y) * w, w).CopyTo(dst.Slice((c * h + y) * w, w));
    }
}
