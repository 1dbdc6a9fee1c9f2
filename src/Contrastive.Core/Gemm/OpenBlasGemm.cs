namespace Contrastive.Gemm;

/// <summary>
/// SGEMM by <c>cblas_sgemm</c> from the system OpenBLAS (<c>libopenblas.so.0</c>, Debian package
/// <c>libopenblas0-pthread</c>), bound at run time so its absence is detected cleanly.
/// </summary>
public sealed unsafe class OpenBlasGemm : IGemmProvider
{
    private readonly OpenBlasLibrary _library;

    /// <summary>Binds the system OpenBLAS and sets its thread count to <see cref="Engine.Threads"/>.</summary>
    /// <exception cref="InvalidOperationException">libopenblas.so.0 is not loadable; the message says how to install it.</exception>
    public OpenBlasGemm()
        : this(OpenBlasLibrary.Default
            ?? throw new InvalidOperationException(OpenBlasLibrary.NotLoadableMessage(OpenBlasLibrary.DefaultName)))
    {
    }

    internal OpenBlasGemm(OpenBlasLibrary library)
    {
        _library = library;
        _library.SetNumThreads(Engine.Threads);
    }

    /// <summary>True when libopenblas.so.0 loads and exports cblas_sgemm.</summary>
    public static bool IsAvailable => OpenBlasLibrary.Default is not null;

    /// <inheritdoc />
    public string Name => "openblas";

    /// <summary>The kernel family OpenBLAS runs (e.g. SkylakeX, Haswell), shown by <c>contrastive bench gemm</c>.</summary>
    public string CoreName => _library.CoreName;

    /// <inheritdoc />
    /// <remarks>OpenBLAS keeps one thread count per process, so this affects every OpenBLAS provider.</remarks>
    public void SetThreads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), $"thread count must be at least 1, got {threads}");
        _library.SetNumThreads(threads);
    }

    /// <inheritdoc />
    public void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (GemmChecks.ValidateOrFinishTrivial(transA, transB, m, n, k, alpha, a.Length, lda, b.Length, ldb, beta, c, ldc)) return;
        fixed (float* pa = a, pb = b, pc = c)
            _library.Sgemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }
}
