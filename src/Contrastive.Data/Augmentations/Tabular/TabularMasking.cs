using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

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
