using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>
/// Hard negatives from a neighbour table, typically the k nearest embeddings of every sample computed by
/// a miner after each epoch: a uniformly chosen neighbour of the anchor with a different label.
/// </summary>
public sealed class NeighbourNegatives : IHardNegativeSource
{
    private readonly LabelIndex _labels;
    private readonly int[] _neighbours;

    /// <summary>Creates the source from a row-major (N, k) table of neighbour indices.</summary>
    /// <exception cref="ArgumentException">The table is not N x k or holds an invalid index.</exception>
    public NeighbourNegatives(LabelIndex labels, int[] neighbours, int k)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(neighbours);
        if (k <= 0 || neighbours.Length != (long)labels.Count * k)
            throw new ArgumentException($"neighbour table has {neighbours.Length} entries, expected {labels.Count} samples x k={k}");
        foreach (var n in neighbours)
            if ((uint)n >= (uint)labels.Count) throw new ArgumentException($"neighbour table holds index {n}, outside 0..{labels.Count - 1}");
        (_labels, _neighbours, K) = (labels, (int[])neighbours.Clone(), k);
    }

    /// <summary>Neighbours per sample.</summary>
    public int K { get; }

    /// <inheritdoc />
    public bool TryPick(int anchor, Rng rng, out int negative)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var row = _neighbours.AsSpan(anchor * K, K);
        var label = _labels.LabelOf(anchor);
        var others = 0;
        foreach (var n in row) if (_labels.LabelOf(n) != label) others++;
        return OtherClass.TryPick(_labels, row, label, others, rng, out negative);
    }
}
