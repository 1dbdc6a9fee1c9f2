namespace Contrastive.Evaluation.Retrieval;

/// <summary>Nearest neighbours by cosine similarity (ties: lower index first).</summary>
public static class NearestNeighbors
{
    /// <summary>
    /// The indices of the <paramref name="k"/> rows of <paramref name="embeddings"/> most similar to each row in
    /// <paramref name="queryIndices"/>, best first, the query itself excluded.
    /// </summary>
    /// <exception cref="ArgumentException">A query index is out of range or k is below 1.</exception>
    public static int[][] Find(EmbeddingMatrix embeddings, IReadOnlyList<int> queryIndices, int k)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(queryIndices);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), $"k must be at least 1, got {k}");
        if (queryIndices.Count == 0) throw new ArgumentException("no query indices given", nameof(queryIndices));
        var (n, d) = (embeddings.Count, embeddings.Dim);
        var x = embeddings.NormalizedRows();
        var queries = new float[queryIndices.Count * d];
        for (var q = 0; q < queryIndices.Count; q++)
        {
            if ((uint)queryIndices[q] >= (uint)n) throw new ArgumentException($"query index {queryIndices[q]} is outside [0, {n})", nameof(queryIndices));
            x.AsSpan(queryIndices[q] * d, d).CopyTo(queries.AsSpan(q * d, d));
        }
        var result = new int[queryIndices.Count][];
        SimilarityBlocks.ForEachRow(queries, queryIndices.Count, x, n, d, (q, sims, scratch) =>
        {
            var count = TopK.Select(sims, k, queryIndices[q], scratch);
            result[q] = [.. scratch[..count].ToArray().Select(TopK.Index)];
        });
        return result;
    }
}
