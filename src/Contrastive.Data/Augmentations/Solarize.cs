using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>torchvision's <c>solarize</c>: values x &gt;= <see cref="Threshold"/> become 1 - x; the others are kept.</summary>
public sealed class Solarize : IImageAugmentation
{
    /// <summary>Creates the transform (BYOL uses threshold 0.5).</summary>
    public Solarize(float threshold = 0.5f) => Threshold = threshold;

    /// <summary>The threshold (inclusive).</summary>
    public float Threshold { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input) => input;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        for (var i = 0; i < geometry.Size; i++) dst[i] = src[i] >= Threshold ? 1f - src[i] : src[i];
    }
}
