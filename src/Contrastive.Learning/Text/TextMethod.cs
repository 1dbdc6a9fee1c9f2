using Contrastive.Methods;

namespace Contrastive.Text;

/// <summary>
/// A sentence-embedding method as a text run trains it (<see cref="SentenceEmbedding"/> with in-batch negatives), in
/// one place: its name and what the views of a record are (<see cref="TextBatchViews"/> builds them).
/// <list type="bullet">
/// <item><c>simcse</c>: unsupervised SimCSE (Gao et al. 2021): the positive is the same text (or a text augmentation of
/// it) encoded a second time, the encoder's dropout being the noise that makes the two views differ; any records.</item>
/// <item><c>pairs</c>: (anchor, positive) pairs, symmetric; for labelled texts the positive is another text of the class.</item>
/// <item><c>triplet</c>: (anchor, positive, negative) triplets, the negatives as extra candidates; for labelled texts the
/// negative is a text of another class.</item>
/// </list>
/// </summary>
public sealed record TextMethod
{
    /// <summary>Unsupervised SimCSE.</summary>
    public static readonly TextMethod SimCse = new() { Name = "simcse", PositiveIsSameText = true };

    /// <summary>Anchor-positive pairs.</summary>
    public static readonly TextMethod Pairs = new() { Name = "pairs" };

    /// <summary>Anchor-positive-negative triplets (named as the image triplet network is).</summary>
    public static readonly TextMethod Triplet = new() { Name = TripletNetwork.Id, HardNegatives = true };

    /// <summary>Every text method.</summary>
    public static readonly IReadOnlyList<TextMethod> All = [SimCse, Pairs, Triplet];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <summary>The <c>--method</c> name.</summary>
    public required string Name { get; init; }

    /// <summary>True when the positive is the anchor's own text (augmented), so any records train and labels are ignored.</summary>
    public bool PositiveIsSameText { get; init; }

    /// <summary>True when a third view holds a hard negative per anchor.</summary>
    public bool HardNegatives { get; init; }

    /// <summary>The views per record: anchor, positive and, with <see cref="HardNegatives"/>, the negative.</summary>
    public int ViewCount => HardNegatives ? 3 : 2;

    /// <summary>The text method called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No text method has that name.</exception>
    public static TextMethod Get(string name) => All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"text data trains --method {string.Join(", ", Names)}, not {name}", nameof(name));
}
