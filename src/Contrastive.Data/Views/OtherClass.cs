using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>The pick both sources share: a uniform candidate outside the anchor's class.</summary>
internal static class OtherClass
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
