using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>Clamps every value to [<see cref="Low"/>, <see cref="High"/>] (default [0, 1]).</summary>
public sealed class Clamp : IImageAugmentation
{
    /// <summary>Creates the transform.</summary>
    /// <exception cref="ArgumentException"><paramref name="low"/> is above <paramref name="high"/>.</exception>
    public Clamp(float low = 0f, float high = 1f)
    {
        if (!(low <= high)) throw new ArgumentException($"Clamp: low must not exceed high, got [{low}, {high}]");
        (Low, High) = (low, high);
    }

    /// <summary>Lower bound.</summary>
    public float Low { get; }

    /// <summary>Upper bound.</summary>
    public float High { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input) => input;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        src.CopyTo(dst);
        ColorOps.AffineClamp(dst[..geometry.Size], 1f, 0f, Low, High);
    }
}
