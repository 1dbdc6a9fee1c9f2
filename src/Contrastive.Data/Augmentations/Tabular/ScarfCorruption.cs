using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// SCARF (Bahri et al., 2022): round(rate * D) features chosen uniformly without replacement are replaced by
/// draws from their empirical marginals, i.e. feature j takes the value of feature j in a uniformly random
/// row of <see cref="Marginals"/> (any row, the corrupted one included). Every corrupted value is therefore
/// one the column actually holds.
/// </summary>
public sealed class ScarfCorruption : ITabularCorruption
{
    private const int StackLimit = 1024;

    /// <summary>Creates the corruption.</summary>
    /// <param name="marginals">Rows whose columns define the marginals (usually the training set).</param>
    /// <param name="rate">Fraction of features replaced, in [0, 1] (the paper uses 0.6).</param>
    /// <exception cref="ArgumentException">The rate is outside [0, 1] or the dataset is empty.</exception>
    public ScarfCorruption(TabularDataset marginals, float rate)
    {
        ArgumentNullException.ThrowIfNull(marginals);
        if (!(rate is >= 0 and <= 1)) throw new ArgumentException($"SCARF: corruption rate must be in [0, 1], got {rate}");
        if (marginals.Count == 0) throw new ArgumentException($"SCARF: {marginals.Source} has no rows to draw marginals from");
        (Marginals, Rate) = (marginals, rate);
        ReplacedCount = (int)MathF.Round(rate * marginals.FeatureCount, MidpointRounding.AwayFromZero);
    }

    /// <summary>The rows the replacement values come from.</summary>
    public TabularDataset Marginals { get; }

    /// <summary>Fraction of features replaced.</summary>
    public float Rate { get; }

    /// <summary>Number of features replaced per row.</summary>
    public int ReplacedCount { get; }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> row, Span<float> dst, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var d = Marginals.FeatureCount;
        if (row.Length != d || dst.Length != d)
            throw new ArgumentException($"SCARF over {Marginals.Source} expects rows of {d} features, got {row.Length} -> {dst.Length}");
        row.CopyTo(dst);
        var features = d <= StackLimit ? stackalloc int[d] : new int[d];
        for (var j = 0; j < d; j++) features[j] = j;
        var all = Marginals.Features;
        for (var k = 0; k < ReplacedCount; k++)
        {
            // Partial Fisher-Yates: features[k] becomes a uniformly chosen, not yet chosen feature.
            var pick = k + rng.NextInt(d - k);
            (features[k], features[pick]) = (features[pick], features[k]);
            var j = features[k];
            dst[j] = all[rng.NextInt(Marginals.Count) * d + j];
        }
    }
}
