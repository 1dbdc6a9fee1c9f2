namespace Contrastive.Evaluation.Retrieval;

/// <summary>
/// Retrieval by cosine similarity, ranked by similarity descending (ties: lower index first): leave-one-out (every
/// embedding queries all the others) or queries against a separate gallery. R = number of gallery items with the
/// query's label (the query itself not counted).
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
        if (embeddings.Count < 2) throw new ArgumentException($"retrieval needs at least two embeddings, got {embeddings.Count}", nameof(embeddings));
        return Run(embeddings, labels, embeddings, labels, leaveOneOut: true, ks);
    }

    /// <summary>
    /// The same figures for queries searching a separate gallery (such as images searching captions): the relevant
    /// gallery items of a query are those with its label, and nothing is left out.
    /// </summary>
    /// <exception cref="ArgumentException">Labels of the wrong length, different dimensions, a k below 1.</exception>
    public static RetrievalResult Evaluate(EmbeddingMatrix queries, int[] queryLabels, EmbeddingMatrix gallery, int[] galleryLabels,
        IReadOnlyList<int>? ks = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(gallery);
        queries.CheckLabels(queryLabels, nameof(queryLabels));
        gallery.CheckLabels(galleryLabels, nameof(galleryLabels));
        if (queries.Dim != gallery.Dim) throw new ArgumentException($"queries have dimension {queries.Dim} and the gallery {gallery.Dim}", nameof(gallery));
        return Run(queries, queryLabels, gallery, galleryLabels, leaveOneOut: false, ks);
    }

    private static RetrievalResult Run(EmbeddingMatrix queries, int[] queryLabels, EmbeddingMatrix gallery, int[] galleryLabels,
        bool leaveOneOut, IReadOnlyList<int>? ks)
    {
        ks ??= DefaultKs;
        if (ks.Count == 0 || ks.Any(k => k < 1)) throw new ArgumentException($"recall cut-offs must be at least 1, got [{string.Join(", ", ks)}]", nameof(ks));
        var (n, m) = (queries.Count, gallery.Count);
        var candidates = leaveOneOut ? m - 1 : m;
        var galleryCount = new int[Math.Max(queryLabels.Max(), galleryLabels.Max()) + 1];
        foreach (var l in galleryLabels) galleryCount[l]++;
        var maxK = ks.Max();
        var firstRank = new int[n];   // 0-based rank of the first relevant item, -1 when R = 0
        var precisionAtR = new double[n];
        var q = queries.NormalizedRows();
        var g = leaveOneOut ? q : gallery.NormalizedRows();
        SimilarityBlocks.ForEachRow(q, n, g, m, queries.Dim, (i, sims, scratch) =>
        {
            var label = queryLabels[i];
            var r = galleryCount[label] - (leaveOneOut ? 1 : 0);
            var count = TopK.Select(sims, Math.Max(maxK, r), leaveOneOut ? i : -1, scratch);
            firstRank[i] = r == 0 ? -1 : FirstRelevant(scratch[..candidates], count, galleryLabels, label);
            // MAP@R: (1/R) Σ_{j<=R} P(j)·rel(j)
            double sum = 0;
            var hits = 0;
            for (var j = 0; j < r; j++)
                if (galleryLabels[TopK.Index(scratch[j])] == label) sum += (double)++hits / (j + 1);
            precisionAtR[i] = r == 0 ? 0 : sum / r;
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
