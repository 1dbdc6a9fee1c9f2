using System.Buffers;
using System.Numerics.Tensors;

namespace Contrastive.Tensors;

/// <summary>
/// Row-wise kernels over one dimension of a tensor viewed as (outer, size, inner): when inner = 1 the
/// lines along the dimension are already contiguous rows; otherwise they are transposed into rows
/// (outer * inner, size) so every kernel works on contiguous, vectorisable spans.
/// </summary>
internal static class Lines
{
    /// <summary>Receives a row index and a scratch span as long as a row.</summary>
    public delegate void RowBody(int row, Span<float> scratch);

    /// <summary>The data as rows (outer * inner, size); <paramref name="src"/> itself when inner = 1.</summary>
    public static float[] ToRows(float[] src, int outer, int size, int inner)
    {
        if (inner == 1) return src;
        var rows = new float[src.Length];
        for (var o = 0; o < outer; o++)
            for (var d = 0; d < size; d++)
            {
                var from = (o * size + d) * inner;
                for (var i = 0; i < inner; i++) rows[(o * inner + i) * size + d] = src[from + i];
            }
        return rows;
    }

    /// <summary>The rows back in (outer, size, inner) layout; <paramref name="rows"/> itself when inner = 1.</summary>
    public static float[] FromRows(float[] rows, int outer, int size, int inner)
    {
        if (inner == 1) return rows;
        var dst = new float[rows.Length];
        Scatter(rows, dst, outer, size, inner, accumulate: false);
        return dst;
    }

    /// <summary>Adds rows (outer * inner, size) into <paramref name="dst"/> laid out as (outer, size, inner).</summary>
    public static void AddFromRows(float[] rows, float[] dst, int outer, int size, int inner)
    {
        if (inner == 1) TensorPrimitives.Add(dst, rows, dst);
        else Scatter(rows, dst, outer, size, inner, accumulate: true);
    }

    /// <summary>Runs <paramref name="body"/> for every row, in parallel chunks when there is enough work.</summary>
    public static void ForRows(int rows, int size, RowBody body) =>
        Parallelism.ForChunks(rows, Math.Max(1, Blocks.MinPerChunk / Math.Max(1, size)), (start, end) =>
        {
            var scratch = ArrayPool<float>.Shared.Rent(size);
            try
            {
                for (var r = start; r < end; r++) body(r, scratch.AsSpan(0, size));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        });

    private static void Scatter(float[] rows, float[] dst, int outer, int size, int inner, bool accumulate)
    {
        for (var o = 0; o < outer; o++)
            for (var d = 0; d < size; d++)
            {
                var to = (o * size + d) * inner;
                for (var i = 0; i < inner; i++)
                {
                    var v = rows[(o * inner + i) * size + d];
                    dst[to + i] = accumulate ? dst[to + i] + v : v;
                }
            }
    }
}
