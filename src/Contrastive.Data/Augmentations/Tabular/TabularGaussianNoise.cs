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
