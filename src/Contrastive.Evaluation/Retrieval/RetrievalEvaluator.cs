namespace Contrastive.Evaluation.Retrieval;

/// <summary>
/// Leave-one-out retrieval by cosine similarity: every embedding queries all the others, ranked by
/// similarity descending (ties: lower index first). R = number of other items with the query's label.
/// Similarities are computed in blocks of query rows, so N x N never sits in memory.
/// </summary>
public static class RetrievalEvaluator
{
    /// <summary>The default recall cut-offs.</summary>
    public static IReadOnlyList<int> DefaultKs { get; } = [1, 5, 10];

    /// <summary>Computes precision@1, recall@k, MAP@R and MRR.</summary>
    /// <exception cref="ArgumentException">Fewer than two embeddings, labels of the wrong length, a k below 1.</exception>
    public static RetrievalResult Evaluate(EmbeddingMatrix embeddings, int[] labels, IReadOnlyList<int>? ks = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        embeddings.CheckLabels(labels, nameof(labels));
        ks ??= DefaultKs;
        if (ks.Count == 0 || ks.Any(k => k < 1)) throw new ArgumentException($"recall cut-offs must be at least 1, got [{string.Join(", ", ks)}]", nameof(ks));
        var n = embeddings.Count;
        if (n < 2) throw new ArgumentException($"retrieval needs at least two embeddings, got {n}", nameof(embeddings));
        var classCount = new int[labels.Max() + 1];
        foreach (var l in labels) classCount[l]++;
        var maxK = ks.Max();
        var firstRank = new int[n];   // 0-based rank of the first relevant item, -1 when R = 0
        var precisionAtR = new double[n];
        var x = embeddings.NormalizedRows();
        SimilarityBlocks.ForEachRow(x, n, x, n, embeddings.Dim, (q, sims, scratch) =>
        {
            var r = classCount[labels[q]] - 1;
            var count = TopK.Select(sims, Math.Max(maxK, r), q, scratch);
            firstRank[q] = r == 0 ? -1 : FirstRelevant(scratch[..(n - 1)], count, labels, labels[q]);
            // MAP@R: (1/R) Σ_{i<=R} P(i)·rel(i)
            double sum = 0;
            var hits = 0;
            for (var i = 0; i < r; i++)
                if (labels[TopK.Index(scratch[i])] == labels[q]) sum += (double)++hits / (i + 1);
            precisionAtR[q] = r == 0 ? 0 : sum / r;
        });
        var withRelevant = firstRank.Count(f => f >= 0);
        return new RetrievalResult(n, withRelevant,
            (double)firstRank.Count(f => f == 0) / n,
            [.. ks.Select(k => new RecallAtK(k, (double)firstRank.Count(f => f >= 0 && f < k) / n))],
            withRelevant == 0 ? double.NaN : precisionAtR.Sum() / withRelevant,
            withRelevant == 0 ? double.NaN : firstRank.Where(f => f >= 0).Sum(f => 1.0 / (f + 1)) / withRelevant);
    }

    // keys[..sorted) are the best keys in order; keys[sorted..) the rest in no order. Returns the 0-based rank of the best relevant key.
    private static int FirstRelevant(ReadOnlySpan<ulong> keys, int sorted, int[] labels, int label)
    {
        for (var i = 0; i < sorted; i++)
            if (labels[TopK.Index(keys[i])] == label) return i;
        var best = ulong.MaxValue;
        foreach (var key in keys[sorted..])
            if (key < best && labels[TopK.Index(key)] == label) best = key;
        var rank = sorted;
        foreach (var key in keys[sorted..])
            if (key < best) rank++;
        return rank;
    }
}
