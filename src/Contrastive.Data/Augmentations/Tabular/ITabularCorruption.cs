using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// A random corruption of one tabular row, drawing only from the per-sample <see cref="Rng"/> it is given.
/// Implementations are immutable and thread-safe.
/// </summary>
public interface ITabularCorruption
{
    /// <summary>Writes the corrupted <paramref name="row"/> into <paramref name="dst"/> (same length, no overlap).</summary>
    void Apply(ReadOnlySpan<float> row, Span<float> dst, Rng rng);
}
