using Contrastive.Tensors;

namespace Contrastive.Evaluation;

/// <summary>Seeded row subsampling.</summary>
public static class Subsample
{
    /// <summary>At most <paramref name="max"/> distinct row indices of [0, <paramref name="count"/>), in ascending order (all when count &lt;= max).</summary>
    public static int[] Indices(int count, int max, ulong seed)
    {
        if (count < 0 || max < 0) throw new ArgumentOutOfRangeException(nameof(count), $"count and max must be non-negative, got {count} and {max}");
        var all = Enumerable.Range(0, count).ToArray();
        if (count <= max) return all;
        new Rng(seed).Shuffle(all.AsSpan());
        var picked = all[..max];
        Array.Sort(picked);
        return picked;
    }

    /// <summary>The rows at <paramref name="indices"/> as a new matrix.</summary>
    public static EmbeddingMatrix Rows(EmbeddingMatrix embeddings, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(indices);
        var d = embeddings.Dim;
        var data = new float[indices.Count * d];
        for (var i = 0; i < indices.Count; i++) embeddings.Row(indices[i]).CopyTo(data.AsSpan(i * d, d));
        return EmbeddingMatrix.FromSpan(data, d);
    }
}
