namespace Contrastive.Serving;

/// <summary>The body of <c>POST /similar</c>: the queries, as items to embed or as embeddings, and how many hits each.</summary>
public sealed record SimilarQuery : QueryItems
{
    /// <summary>Query embeddings (for example from <c>/embed</c>), instead of images, rows or texts.</summary>
    public IReadOnlyList<float[]>? Embeddings { get; init; }

    /// <summary>Hits per query (1 to <see cref="EmbeddingService.MaxItems"/>); default 10.</summary>
    public int K { get; init; } = 10;
}
