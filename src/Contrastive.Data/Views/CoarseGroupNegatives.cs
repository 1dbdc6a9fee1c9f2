using Contrastive.Tensors;

namespace Contrastive.Data.Views;

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
