using System.Runtime.InteropServices;

namespace Contrastive.Gemm;

/// <summary>The two OpenBLAS entry points the engine uses, resolved from a shared library at run time.</summary>
internal sealed unsafe class OpenBlasLibrary
{
    /// <summary>The soname Debian's libopenblas0-pthread installs.</summary>
    public const string DefaultName = "libopenblas.so.0";

    private static readonly Lazy<OpenBlasLibrary?> s_default = new(() => TryLoad(DefaultName));
    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private readonly delegate* unmanaged<int, void> _setNumThreads;

    private OpenBlasLibrary(nint sgemm, nint setNumThreads)
    {
        _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
        _setNumThreads = (delegate* unmanaged<int, void>)setNumThreads;
    }

    /// <summary>The system OpenBLAS, or null when <see cref="DefaultName"/> is not loadable.</summary>
    public static OpenBlasLibrary? Default => s_default.Value;

    /// <summary>Loads <paramref name="name"/> and resolves cblas_sgemm and openblas_set_num_threads; null when either fails.</summary>
    public static OpenBlasLibrary? TryLoad(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var handle)) return null;
        if (NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm)
            && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads))
            return new OpenBlasLibrary(sgemm, setThreads);
        NativeLibrary.Free(handle);
        return null;
    }

    /// <summary>The message for a missing library, with the fix.</summary>
    public static string NotLoadableMessage(string name) =>
        $"OpenBLAS was requested but {name} could not be loaded (or lacks cblas_sgemm); install it with "
        + "'apt-get install libopenblas0-pthread' or choose the managed provider (CONTRASTIVE_BLAS=managed)";

    /// <summary>openblas_set_num_threads: the library-wide thread count.</summary>
    public void SetNumThreads(int threads) => _setNumThreads(threads);

    /// <summary>cblas_sgemm in row-major order (CblasRowMajor = 101, CblasNoTrans = 111, CblasTrans = 112).</summary>
    public void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc) =>
        _sgemm(101, transA ? 112 : 111, transB ? 112 : 111, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
