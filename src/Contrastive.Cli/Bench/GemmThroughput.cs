using System.Diagnostics;
using Contrastive.Gemm;
using Contrastive.Tensors;

namespace Contrastive.Cli.Bench;

/// <summary>A quick GEMM throughput probe (used by <c>contrastive bench gemm</c>); BenchmarkDotNet is the rigorous tool.</summary>
internal static class GemmThroughput
{
    /// <summary>
    /// Times <paramref name="iterations"/> products C = op(A) * op(B) (m x n x k, seeded random operands, after one
    /// warm-up call) and returns GFLOP/s, counting 2 m n k flops per product.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the iteration count is not positive.</exception>
    public static double Measure(IGemmProvider provider, int m, int n, int k, bool transA, bool transB, int iterations)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(iterations);
        var rng = new Rng(42);
        var a = Random(rng, (long)m * k);
        var b = Random(rng, (long)k * n);
        var c = new float[(long)m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        provider.Sgemm(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
            provider.Sgemm(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
        return 2.0 * m * n * k * iterations / watch.Elapsed.TotalSeconds / 1e9;
    }

    private static float[] Random(Rng rng, long length)
    {
        var data = new float[length];
        for (var i = 0; i < data.Length; i++) data[i] = rng.Uniform(-1f, 1f);
        return data;
    }
}
