namespace Contrastive.Serving;

/// <summary>The items the service searches: their class labels, when known, name the hits of <c>/similar</c>.</summary>
/// <param name="Source">Where the items came from (for /healthz).</param>
/// <param name="Labels">The class index of each item, or null for unlabeled items.</param>
/// <param name="ClassNames">The name of each class index, or null to report the indices.</param>
public sealed record Gallery(string Source, int[]? Labels, IReadOnlyList<string>? ClassNames)
{
    /// <summary>The label of item <paramref name="index"/>: its class name, its class index, or null when unlabeled.</summary>
    public string? LabelOf(int index) => Labels is null ? null
        : ClassNames is { } names && Labels[index] < names.Count ? names[Labels[index]] : Labels[index].ToString(System.Globalization.CultureInfo.InvariantCulture);
}
