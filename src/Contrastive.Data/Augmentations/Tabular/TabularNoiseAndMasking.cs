using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>Adds independent Gaussian noise N(0, <see cref="Sigma"/>^2) to every feature.</summary>
public sealed class TabularGaussianNoise : ITabularCorruption
{
    /// <summary>Creates the corruption.</summary>
    /// <exception cref="ArgumentException">Sigma is negative or not finite.</exception>
    public TabularGaussianNoise(float sigma)
    {
        if (!(sigma >= 0 && float.IsFinite(sigma))) throw new ArgumentException($"tabular noise: sigma must be finite and non-negative, got {sigma}");
        Sigma = sigma;
    }

    /// <summary>Noise standard deviation.</summary>
    public float Sigma { get; }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> row, Span<float> dst, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (dst.Length != row.Length) throw new ArgumentException($"tabular noise: row has {row.Length} features, destination {dst.Length}");
        for (var j = 0; j < row.Length; j++) dst[j] = row[j] + Sigma * rng.NextGaussian();
    }
}

/// <summary>Masks each feature independently with probability <see cref="Rate"/>, setting it to <see cref="MaskValue"/> (VIME-style).</summary>
public sealed class TabularMasking : ITabularCorruption
{
    /// <summary>Creates the corruption.</summary>
    /// <exception cref="ArgumentException">The rate is outside [0, 1].</exception>
    public TabularMasking(float rate, float maskValue = 0f)
    {
        if (!(rate is >= 0 and <= 1)) throw new ArgumentException($"tabular masking: rate must be in [0, 1], got {rate}");
        (Rate, MaskValue) = (rate, maskValue);
    }

    /// <summary>Probability that a feature is masked.</summary>
    public float Rate { get; }

    /// <summary>The value a masked feature takes.</summary>
    public float MaskValue { get; }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> row, Span<float> dst, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (dst.Length != row.Length) throw new ArgumentException($"tabular masking: row has {row.Length} features, destination {dst.Length}");
        for (var j = 0; j < row.Length; j++) dst[j] = rng.NextFloat() < Rate ? MaskValue : row[j];
    }
}
