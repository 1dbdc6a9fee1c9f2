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
