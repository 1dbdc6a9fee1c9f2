using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>Mirrors the image left-right (x -> W - 1 - x). Wrap in a pipeline step with p = 0.5 for a random flip.</summary>
public sealed class HorizontalFlip : IImageAugmentation
{
    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input) => input;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        var w = geometry.Width;
        for (var r = 0; r < geometry.Channels * geometry.Height; r++)
        {
            var outRow = dst.Slice(r * w, w);
            src.Slice(r * w, w).CopyTo(outRow);
            outRow.Reverse();
        }
    }
}
