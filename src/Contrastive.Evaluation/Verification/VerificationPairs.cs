using Contrastive.Tensors;

namespace Contrastive.Evaluation.Verification;

/// <summary>Pairs of embeddings scored by cosine similarity, labelled 1 when both rows share a class.</summary>
public static class VerificationPairs
{
    /// <summary>Every pair i &lt; j (N(N-1)/2 of them).</summary>
    /// <exception cref="ArgumentException">Fewer than two rows, labels of the wrong length, or more than 2³¹-1 pairs.</exception>
    public static PairScores All(EmbeddingMatrix embeddings, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        embeddings.CheckLabels(labels, nameof(labels));
        var n = (long)embeddings.Count;
        if (n < 2 || n * (n - 1) / 2 > Array.MaxLength)
            throw new ArgumentException($"{n} embeddings give {n * (n - 1) / 2} pairs; All needs 1 to {Array.MaxLength} (use Sample)", nameof(embeddings));
        var x = embeddings.NormalizedRows();
        var count = (int)(n * (n - 1) / 2);
        var (scores, pairLabels) = (new float[count], new int[count]);
        var p = 0;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++, p++)
                (scores[p], pairLabels[p]) = (Cosine(x, embeddings.Dim, i, (int)j), labels[i] == labels[j] ? 1 : 0);
        return new PairScores(scores, pairLabels);
    }

    /// <summary>
    /// <paramref name="count"/> random pairs of distinct rows (with replacement), half positive and half negative
    /// when both kinds exist (otherwise all of the kind that does). Seeded.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two rows, labels of the wrong length, count below 1.</exception>
    public static PairScores Sample(EmbeddingMatrix embeddings, int[] labels, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        embeddings.CheckLabels(labels, nameof(labels));
        if (embeddings.Count < 2) throw new ArgumentException($"pairs need at least two embeddings, got {embeddings.Count}", nameof(embeddings));
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"pair count must be positive, got {count}");
        var members = labels.Select((label, index) => (label, index)).GroupBy(t => t.label).Select(g => g.Select(t => t.index).ToArray()).ToArray();
        var byRow = new int[labels.Length][];
        foreach (var m in members) foreach (var i in m) byRow[i] = m;
        var pairedRows = members.Where(m => m.Length >= 2).SelectMany(m => m).ToArray(); // rows that have a positive partner
        var canPositive = pairedRows.Length > 0;
        var canNegative = members.Length >= 2;
        var x = embeddings.NormalizedRows();
        var rng = new Rng(seed);
        var (scores, pairLabels) = (new float[count], new int[count]);
        for (var p = 0; p < count; p++)
        {
            var positive = canPositive && (!canNegative || p % 2 == 0);
            int i, j;
            do
            {
                i = positive ? pairedRows[rng.NextInt(pairedRows.Length)] : rng.NextInt(labels.Length);
                j = positive ? byRow[i][rng.NextInt(byRow[i].Length)] : rng.NextInt(labels.Length);
            }
            while (i == j || (labels[i] == labels[j]) != positive);
            (scores[p], pairLabels[p]) = (Cosine(x, embeddings.Dim, i, j), positive ? 1 : 0);
        }
        return new PairScores(scores, pairLabels);
    }

    /// <summary>The cosine similarity of each given pair of rows.</summary>
    /// <exception cref="ArgumentException">No pairs, or a row index outside the embeddings.</exception>
    public static PairScores Score(EmbeddingMatrix embeddings, IReadOnlyList<TestPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) throw new ArgumentException("no pairs to verify", nameof(pairs));
        var x = embeddings.NormalizedRows();
        var (scores, labels) = (new float[pairs.Count], new int[pairs.Count]);
        for (var p = 0; p < pairs.Count; p++)
        {
            var (i, j, same) = pairs[p];
            if ((uint)i >= (uint)embeddings.Count || (uint)j >= (uint)embeddings.Count)
                throw new ArgumentException($"pair {p} is ({i}, {j}), outside the {embeddings.Count} test embeddings", nameof(pairs));
            (scores[p], labels[p]) = (Cosine(x, embeddings.Dim, i, j), same ? 1 : 0);
        }
        return new PairScores(scores, labels);
    }

    private static float Cosine(float[] normalized, int dim, int i, int j) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(normalized.AsSpan(i * dim, dim), normalized.AsSpan(j * dim, dim));
}
