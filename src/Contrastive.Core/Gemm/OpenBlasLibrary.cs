using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Contrastive.Gemm;

/// <summary>The OpenBLAS entry points the engine uses, resolved from a shared library at run time.</summary>
internal sealed unsafe partial class OpenBlasLibrary
{
    /// <summary>The soname Debian's libopenblas0-pthread installs.</summary>
    public const string DefaultName = "libopenblas.so.0";

    private static readonly Lazy<OpenBlasLibrary?> s_default = new(() => TryLoad(DefaultName));
    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private readonly delegate* unmanaged<int, void> _setNumThreads;

    private OpenBlasLibrary(nint sgemm, nint setNumThreads, string coreName)
    {
        CoreName = coreName;
        _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
        _setNumThreads = (delegate* unmanaged<int, void>)setNumThreads;
    }

    /// <summary>The system OpenBLAS, or null when <see cref="DefaultName"/> is not loadable.</summary>
    public static OpenBlasLibrary? Default => s_default.Value;

    /// <summary>Loads <paramref name="name"/> and resolves cblas_sgemm and openblas_set_num_threads; null when either fails.</summary>
    public static OpenBlasLibrary? TryLoad(string name)
    {
        PreferAvx512Kernels();
        if (!NativeLibrary.TryLoad(name, out var handle)) return null;
        if (NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm)
            && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads))
        {
            var coreName = NativeLibrary.TryGetExport(handle, "openblas_get_corename", out var getCore)
                ? Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)getCore)()) ?? "unknown"
                : "unknown";
            return new OpenBlasLibrary(sgemm, setThreads, coreName);
        }
        NativeLibrary.Free(handle);
        return null;
    }

    /// <summary>The message for a missing library, with the fix.</summary>
    public static string NotLoadableMessage(string name) =>
        $"OpenBLAS was requested but {name} could not be loaded (or lacks cblas_sgemm); install it with "
        + "'apt-get install libopenblas0-pthread' or choose the managed provider (CONTRASTIVE_BLAS=managed)";

    /// <summary>The kernel family OpenBLAS chose (openblas_get_corename, e.g. SkylakeX, Haswell).</summary>
    public string CoreName { get; }

    /// <summary>openblas_set_num_threads: the library-wide thread count.</summary>
    public void SetNumThreads(int threads) => _setNumThreads(threads);

    /// <summary>cblas_sgemm in row-major order (CblasRowMajor = 101, CblasNoTrans = 111, CblasTrans = 112).</summary>
    public void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc) =>
        _sgemm(101, transA ? 112 : 111, transB ? 112 : 111, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>
    /// OpenBLAS builds with DYNAMIC_ARCH pick their kernels from the CPU model number when loaded, and releases that
    /// predate a CPU fall back to SSE3 "Prescott" kernels (Debian 12's 0.3.21 does so on Sapphire Rapids, several
    /// times slower). When the CPU has the AVX-512 subsets of OpenBLAS's SkylakeX kernels and the user has not set
    /// OPENBLAS_CORETYPE, set it to SkylakeX in the native environment before the library's constructor reads it.
    /// </summary>
    private static void PreferAvx512Kernels()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is not null) return;
        if (Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512CD.IsSupported && Avx512F.VL.IsSupported)
            _ = SetEnv("OPENBLAS_CORETYPE", "SkylakeX", 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
