namespace Contrastive.Evaluation.Classification;

/// <summary>
/// Weighted kNN on cosine similarity (Wu et al. 2018, as in the SimCLR/MoCo evaluations): the k most
/// similar memory rows vote for their class with weight exp(sim / T); the class with most votes wins
/// (ties: lowest class id). Queries are scored in blocks, so any memory x query size fits in memory.
/// </summary>
public static class KnnClassifier
{
    /// <summary>The vote totals (queries x classes, row-major).</summary>
    /// <exception cref="ArgumentException">Empty input, mismatched dimensions or labels, bad options.</exception>
    public static float[] Votes(EmbeddingMatrix memory, int[] memoryLabels, EmbeddingMatrix queries, int classes, KnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(queries);
        memory.CheckLabels(memoryLabels, nameof(memoryLabels));
        if (queries.Dim != memory.Dim)
            throw new ArgumentException($"queries have dimension {queries.Dim} but the memory has {memory.Dim}", nameof(queries));
        if (options.K < 1) throw new ArgumentOutOfRangeException(nameof(options), $"k must be at least 1, got {options.K}");
        if (!(options.Temperature > 0)) throw new ArgumentOutOfRangeException(nameof(options), $"temperature must be positive, got {options.Temperature}");
        if (classes <= memoryLabels.Max())
            throw new ArgumentException($"memory label {memoryLabels.Max()} is outside [0, {classes})", nameof(memoryLabels));
        var k = Math.Min(options.K, memory.Count);
        var invT = 1.0 / options.Temperature;
        var votes = new float[queries.Count * classes];
        SimilarityBlocks.ForEachRow(queries.NormalizedRows(), queries.Count, memory.NormalizedRows(), memory.Count, memory.Dim,
            (q, sims, scratch) =>
            {
                var n = TopK.Select(sims, k, -1, scratch);
                Span<double> total = classes <= 512 ? stackalloc double[classes] : new double[classes];
                total.Clear();
                for (var j = 0; j < n; j++)
                    total[memoryLabels[TopK.Index(scratch[j])]] += Math.Exp(TopK.Value(scratch[j]) * invT);
                for (var c = 0; c < classes; c++) votes[q * classes + c] = (float)total[c];
            });
        return votes;
    }

    /// <summary>Classifies <paramref name="queries"/> against the labelled <paramref name="memory"/> and scores the result.</summary>
    /// <exception cref="ArgumentException">Empty input, mismatched dimensions or labels, bad options.</exception>
    public static ClassificationReport Evaluate(EmbeddingMatrix memory, int[] memoryLabels, EmbeddingMatrix queries, int[] queryLabels, KnnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        queries.CheckLabels(queryLabels, nameof(queryLabels));
        var settings = options ?? new KnnOptions();
        var classes = settings.Classes > 0 ? settings.Classes : ClassificationReport.InferClasses(memoryLabels, queryLabels);
        return ClassificationReport.FromScores(Votes(memory, memoryLabels, queries, classes, settings), queryLabels, classes);
    }
}
