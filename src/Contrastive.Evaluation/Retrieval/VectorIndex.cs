namespace Contrastive.Evaluation.Retrieval;

/// <summary>
/// An exact cosine-similarity index over a fixed set of embeddings: the rows are L2-normalised once, and a search is
/// one GEMM of the normalised queries against them followed by a top-k selection (ties: lower index first). A search
/// costs N·D multiply-adds per query, so exact search suits indexes up to millions of rows. Searches may run
/// concurrently.
/// </summary>
public sealed class VectorIndex
{
    private readonly float[] _rows;

    /// <summary>Indexes the rows of <paramref name="embeddings"/>.</summary>
    /// <exception cref="ArgumentException">The embeddings are empty or not finite (see <see cref="EmbeddingMatrix"/>).</exception>
    public VectorIndex(EmbeddingMatrix embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        _rows = embeddings.NormalizedRows();
        Count = embeddings.Count;
        Dim = embeddings.Dim;
    }

    /// <summary>The number of indexed embeddings.</summary>
    public int Count { get; }

    /// <summary>The embedding dimension queries must have.</summary>
    public int Dim { get; }

    /// <summary>
    /// The <paramref name="k"/> indexed rows most similar to each query row, best first, as (row index, cosine
    /// similarity). Fewer than k when the index holds fewer rows.
    /// </summary>
    /// <exception cref="ArgumentException">k is below 1, or the queries have another dimension or are not finite.</exception>
    public Neighbor[][] Search(EmbeddingMatrix queries, int k)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), $"k must be at least 1, got {k}");
        if (queries.Dim != Dim)
            throw new ArgumentException($"queries have dimension {queries.Dim} but the index holds dimension {Dim}", nameof(queries));
        var result = new Neighbor[queries.Count][];
        SimilarityBlocks.ForEachRow(queries.NormalizedRows(), queries.Count, _rows, Count, Dim, (q, sims, scratch) =>
        {
            var count = TopK.Select(sims, k, -1, scratch);
            var neighbors = new Neighbor[count];
            for (var i = 0; i < count; i++) neighbors[i] = new Neighbor(TopK.Index(scratch[i]), TopK.Value(scratch[i]));
            result[q] = neighbors;
        });
        return result;
    }
}
