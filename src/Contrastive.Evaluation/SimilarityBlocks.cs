using Contrastive.Gemm;

namespace Contrastive.Evaluation;

/// <summary>
/// Cosine similarities of every query against every memory row, computed a block of query rows at a
/// time with one GEMM per block, so an N x M similarity matrix never sits in memory at once.
/// </summary>
internal static class SimilarityBlocks
{
    /// <summary>The largest similarity block held at once (floats): 8M floats = 32 MB.</summary>
    public const int MaxBlockFloats = 1 << 23;

    /// <summary>
    /// For each block of query rows, computes sims (rows x memoryCount) = Q[start..start+rows) · Mᵀ and
    /// calls <paramref name="onRow"/>(queryIndex, simRow, scratch) for every row, in parallel over rows.
    /// The scratch span handed to the action holds memoryCount keys for <see cref="TopK.Select"/>.
    /// Inputs must already be L2-normalised rows.
    /// </summary>
    public static void ForEachRow(float[] queries, int queryCount, float[] memory, int memoryCount, int dim,
        RowAction onRow, int maxBlockFloats = MaxBlockFloats)
    {
        var rowsPerBlock = Math.Clamp(maxBlockFloats / memoryCount, 1, queryCount);
        var block = new float[(long)rowsPerBlock * memoryCount];
        for (var start = 0; start < queryCount; start += rowsPerBlock)
        {
            var rows = Math.Min(rowsPerBlock, queryCount - start);
            GemmProviders.Current.Sgemm(false, true, rows, memoryCount, dim, 1f,
                queries.AsSpan(start * dim, rows * dim), dim, memory, dim, 0f, block, memoryCount);
            var first = start;
            Parallelism.ForChunks(rows, 8, (lo, hi) =>
            {
                var scratch = new ulong[memoryCount];
                for (var r = lo; r < hi; r++)
                    onRow(first + r, block.AsSpan(r * memoryCount, memoryCount), scratch);
            });
        }
    }

    /// <summary>Work on one query row: its index, its similarities to all memory rows, a key buffer.</summary>
    public delegate void RowAction(int query, ReadOnlySpan<float> similarities, Span<ulong> scratch);
}
