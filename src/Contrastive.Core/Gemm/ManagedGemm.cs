namespace Contrastive.Gemm;

/// <summary>
/// Packed, cache-blocked SGEMM in managed code (Goto/BLIS structure) with a Vector512, Vector256 or Vector128
/// micro-kernel picked at start-up. Large products are split over at most <see cref="SetThreads"/> threads
/// along M or N panels, or along K (with a reduction) when C is too small to share out.
/// </summary>
public sealed unsafe class ManagedGemm : IGemmProvider
{
    // Products below this many multiply-adds take the direct triple loop; below MinPerThread per thread, fewer threads.
    private const long TinyWork = 4096;
    private const long MinPerThread = 1L << 20;
    private readonly GemmKernel _kernel;
    private int _threads;

    /// <summary>Creates the provider with the widest accelerated kernel and <see cref="Engine.Threads"/> threads.</summary>
    public ManagedGemm()
        : this(GemmKernel.Best)
    {
    }

    internal ManagedGemm(GemmKernel kernel)
    {
        _kernel = kernel;
        _threads = Engine.Threads;
    }

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public void SetThreads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), $"thread count must be at least 1, got {threads}");
        _threads = threads;
    }

    /// <inheritdoc />
    public void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (GemmChecks.ValidateOrFinishTrivial(transA, transB, m, n, k, alpha, a.Length, lda, b.Length, ldb, beta, c, ldc)) return;
        fixed (float* pa = a, pb = b, pc = c)
        {
            var g = new GemmOperands(pa, lda, transA, pb, ldb, transB, pc, ldc, alpha, beta);
            var work = (long)m * n * k;
            if (work < TinyWork)
                DirectGemm.Run(g, m, n, k);
            else
                GemmPartition.Run(g, _kernel, m, n, k, (int)Math.Clamp(work / MinPerThread, 1, _threads));
        }
    }
}
