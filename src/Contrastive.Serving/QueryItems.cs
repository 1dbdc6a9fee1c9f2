namespace Contrastive.Serving;

/// <summary>The body of <c>POST /embed</c>: the items to embed, images, feature rows or (for a CLIP run) texts.</summary>
public record QueryItems
{
    /// <summary>Base64-encoded image files (PNG, PGM/PPM or JPEG), for an image encoder.</summary>
    public IReadOnlyList<string>? Images { get; init; }

    /// <summary>Raw (unstandardised) feature rows in the training CSV's column order, for a table encoder.</summary>
    public IReadOnlyList<float[]>? Rows { get; init; }

    /// <summary>Texts, for a CLIP run: embedded by its text tower into the space of its image embeddings.</summary>
    public IReadOnlyList<string>? Texts { get; init; }
}

/// <summary>The body of <c>POST /similar</c>: the queries, as items to embed or as embeddings, and how many hits each.</summary>
public sealed record SimilarQuery : QueryItems
{
    /// <summary>Query embeddings (for example from <c>/embed</c>), instead of images, rows or texts.</summary>
    public IReadOnlyList<float[]>? Embeddings { get; init; }

    /// <summary>Hits per query (1 to <see cref="EmbeddingService.MaxItems"/>); default 10.</summary>
    public int K { get; init; } = 10;
}
