using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>
/// The curriculum hook for negative difficulty: a source of "hard" negatives for an anchor. Pair and
/// triplet generators ask it with probability equal to the current hardness and fall back to a uniform
/// negative from another class when it returns false. Implement it with any miner, e.g. one holding the
/// nearest-embedding neighbours of every sample refreshed each epoch (<see cref="NeighbourNegatives"/>), or
/// with a class taxonomy (<see cref="CoarseGroupNegatives"/>). Implementations must be thread-safe and
/// draw only from the given <see cref="Rng"/>.
/// </summary>
public interface IHardNegativeSource
{
    /// <summary>Picks a negative (a sample of a different class) for <paramref name="anchor"/>, or returns false.</summary>
    bool TryPick(int anchor, Rng rng, out int negative);
}

/// <summary>Hard negatives from the same coarse group: a uniform sample of another class sharing the anchor's group
/// (e.g. "shirt" for "T-shirt" when both are "tops").</summary>
public sealed class CoarseGroupNegatives : IHardNegativeSource
{
    private readonly LabelIndex _labels;
    private readonly int[] _groupOfClass;
    private readonly int[][] _groupMembers;

    /// <summary>Creates the source; <paramref name="groupOfClass"/>[c] is the coarse group of class c.</summary>
    /// <exception cref="ArgumentException">The group table does not cover every class.</exception>
    public CoarseGroupNegatives(LabelIndex labels, IReadOnlyList<int> groupOfClass)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groupOfClass);
        if (groupOfClass.Count < labels.ClassCount)
            throw new ArgumentException($"coarse groups: {groupOfClass.Count} entries for {labels.ClassCount} classes");
        _labels = labels;
        _groupOfClass = groupOfClass.ToArray();
        var groups = _groupOfClass.Length == 0 ? 0 : _groupOfClass.Max() + 1;
        _groupMembers = Enumerable.Range(0, groups)
            .Select(g => Enumerable.Range(0, labels.Count).Where(i => _groupOfClass[labels.LabelOf(i)] == g).ToArray())
            .ToArray();
    }

    /// <inheritdoc />
    public bool TryPick(int anchor, Rng rng, out int negative)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var label = _labels.LabelOf(anchor);
        var group = _groupMembers[_groupOfClass[label]];
        return OtherClass.TryPick(_labels, group, label, group.Length - _labels.Members(label).Length, rng, out negative);
    }
}

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

/// <summary>The pick both sources share: a uniform candidate outside the anchor's class.</summary>
file static class OtherClass
{
    /// <summary>Picks uniformly one of the <paramref name="others"/> candidates whose label is not <paramref name="label"/>; false when there is none.</summary>
    public static bool TryPick(LabelIndex labels, ReadOnlySpan<int> candidates, int label, int others, Rng rng, out int negative)
    {
        negative = -1;
        if (others == 0) return false;
        // Uniform over the candidates outside the anchor's class: the k-th such candidate.
        var k = rng.NextInt(others);
        foreach (var candidate in candidates)
            if (labels.LabelOf(candidate) != label && k-- == 0) { negative = candidate; break; }
        return true;
    }
}
