namespace Contrastive.Serving;

/// <summary>The items the service searches: their class labels, when known, name the hits of <c>/similar</c>, and for a
/// gallery of texts, the texts themselves.</summary>
/// <param name="Source">Where the items came from (for /healthz).</param>
/// <param name="Labels">The class index of each item, or null for unlabeled items.</param>
/// <param name="ClassNames">The name of each class index, or null to report the indices.</param>
public sealed record Gallery(string Source, int[]? Labels, IReadOnlyList<string>? ClassNames)
{
    /// <summary>The text of each item, for a gallery of texts (a text run's); null otherwise.</summary>
    public IReadOnlyList<string>? Texts { get; init; }

    /// <summary>The row of the data each item came from (its row in <c>contrastive embed</c>'s output), when the gallery
    /// does not hold every row (a text gallery keeps the first of repeated texts); null when item i is row i.</summary>
    public IReadOnlyList<int>? Rows { get; init; }

    /// <summary>The label of item <paramref name="index"/>: its class name, its class index, or null when unlabeled.</summary>
    public string? LabelOf(int index) => Labels is null ? null
        : ClassNames is { } names && Labels[index] < names.Count ? names[Labels[index]] : Labels[index].ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text of item <paramref name="index"/>, or null when the gallery holds no texts.</summary>
    public string? TextOf(int index) => Texts?[index];

    /// <summary>The data row of item <paramref name="index"/>.</summary>
    public int RowOf(int index) => Rows is { } rows ? rows[index] : index;
}
