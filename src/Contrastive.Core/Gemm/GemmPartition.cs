using System.Buffers;
using System.Numerics.Tensors;

namespace Contrastive.Gemm;

/// <summary>
/// Shares one product out over threads without nesting: contiguous runs of MR-row panels (when M is the larger
/// side) or NR-column panels, each thread packing its own operands; when neither side has a panel per thread,
/// the shared dimension K is split and the partial products are summed in a fixed order (deterministic for a
/// given thread count).
/// </summary>
internal static unsafe class GemmPartition
{
    /// <summary>Computes the product of <paramref name="g"/> with at most <paramref name="threads"/> threads.</summary>
    public static void Run(GemmOperands g, GemmKernel kernel, int m, int n, int k, int threads)
    {
        int mPanels = Ceil(m, kernel.MR), nPanels = Ceil(n, kernel.NR);
        var splitRows = mPanels >= nPanels;
        var panels = splitRows ? mPanels : nPanels;
        if (threads > 1 && panels < threads && k >= threads * BlockedGemm.KC)
        {
            SplitK(g, kernel, m, n, k, threads);
            return;
        }
        threads = Math.Min(threads, panels);
        if (threads <= 1)
        {
            BlockedGemm.Run(g, kernel, k, 0, m, 0, n);
            return;
        }
        var step = splitRows ? kernel.MR : kernel.NR;
        var size = splitRows ? m : n;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var start = (int)((long)panels * t / threads) * step;
            var end = Math.Min(size, (int)((long)panels * (t + 1) / threads) * step);
            if (splitRows) BlockedGemm.Run(g, kernel, k, start, end, 0, n);
            else BlockedGemm.Run(g, kernel, k, 0, m, start, end);
        });
    }

    /// <summary>
    /// Thread 0 computes C = alpha * A[:, K0] B[K0, :] + beta * C in place; thread t &gt; 0 computes
    /// P_t = A[:, Kt] B[Kt, :] into its own buffer; then C += alpha * P_t for t = 1, 2, ... in order.
    /// </summary>
    private static void SplitK(GemmOperands g, GemmKernel kernel, int m, int n, int k, int threads)
    {
        var partials = new float[threads - 1][];
        for (var t = 0; t < partials.Length; t++) partials[t] = ArrayPool<float>.Shared.Rent(m * n);
        try
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var k0 = (int)((long)k * t / threads);
                var k1 = (int)((long)k * (t + 1) / threads);
                var slice = g.Shift(k0);
                if (t == 0)
                {
                    BlockedGemm.Run(slice, kernel, k1 - k0, 0, m, 0, n);
                    return;
                }
                fixed (float* p = partials[t - 1])
                    BlockedGemm.Run(slice.WithC(p, n, 1f, 0f), kernel, k1 - k0, 0, m, 0, n);
            });
            foreach (var partial in partials)
                for (var i = 0; i < m; i++)
                {
                    var row = new Span<float>(g.CAt(i, 0), n);
                    TensorPrimitives.MultiplyAdd(partial.AsSpan(i * n, n), g.Alpha, row, row);
                }
        }
        finally
        {
            foreach (var partial in partials) ArrayPool<float>.Shared.Return(partial);
        }
    }

    private static int Ceil(int x, int d) => (x + d - 1) / d;
}
