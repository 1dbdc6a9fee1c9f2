using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>Adds independent Gaussian noise N(0, sigma^2) to every value, sigma ~ U(<see cref="SigmaLow"/>, <see cref="SigmaHigh"/>).</summary>
public sealed class GaussianNoise : IImageAugmentation
{
    /// <summary>Creates the transform.</summary>
    /// <exception cref="ArgumentException">The sigma range is invalid.</exception>
    public GaussianNoise(float sigmaLow, float sigmaHigh)
    {
        if (!(sigmaLow >= 0 && sigmaLow <= sigmaHigh && float.IsFinite(sigmaHigh)))
            throw new ArgumentException($"GaussianNoise: sigma range must satisfy 0 <= low <= high, got ({sigmaLow}, {sigmaHigh})");
        (SigmaLow, SigmaHigh) = (sigmaLow, sigmaHigh);
    }

    /// <summary>Smallest noise standard deviation.</summary>
    public float SigmaLow { get; }

    /// <summary>Largest noise standard deviation.</summary>
    public float SigmaHigh { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input) => input;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        var sigma = rng.Uniform(SigmaLow, SigmaHigh);
        for (var i = 0; i < geometry.Size; i++) dst[i] = src[i] + sigma * rng.NextGaussian();
    }
}

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

/// <summary>Per-channel standardisation: x_c = (x_c - mean_c) / std_c.</summary>
public sealed class Normalize : IImageAugmentation
{
    private readonly float[] _mean, _std;

    /// <summary>Creates the transform with one mean and std per channel.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or a std is not positive.</exception>
    public Normalize(float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length != std.Length || mean.Length == 0)
            throw new ArgumentException($"Normalize: need one mean and one std per channel, got {mean.Length} means and {std.Length} stds");
        foreach (var s in std) if (!(s > 0)) throw new ArgumentException($"Normalize: std must be positive, got {s}");
        (_mean, _std) = ((float[])mean.Clone(), (float[])std.Clone());
    }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input)
    {
        if (input.Channels != _mean.Length) throw new ArgumentException($"Normalize has {_mean.Length} channel statistics but the image is {input}");
        return input;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        OutputGeometry(geometry);
        src.CopyTo(dst);
        for (var c = 0; c < geometry.Channels; c++)
            ColorOps.AffineClamp(dst.Slice(c * geometry.Plane, geometry.Plane), 1f / _std[c], -_mean[c] / _std[c], float.NegativeInfinity, float.PositiveInfinity);
    }
}

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
