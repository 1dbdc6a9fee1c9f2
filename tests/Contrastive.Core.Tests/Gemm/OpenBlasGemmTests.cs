using System.Runtime.Intrinsics.X86;
using Contrastive.Gemm;

namespace Contrastive.Core.Tests.Gemm;

public class OpenBlasGemmTests
{
    [Theory]
    [MemberData(nameof(GemmShapes.Cases), MemberType = typeof(GemmShapes))]
    public void Matches_naive_or_reports_how_to_install(int m, int n, int k, bool transA, bool transB)
    {
        if (!OpenBlasGemm.IsAvailable)
        {
            var ex = Assert.Throws<ArgumentException>(() => GemmProviders.Create("openblas"));
            Assert.Contains("libopenblas.so.0 could not be loaded", ex.Message);
            Assert.Contains("apt-get install libopenblas0-pthread", ex.Message);
            return;
        }
        var gemm = GemmProviders.Create("openblas");
        foreach (var (alpha, beta) in GemmShapes.Scalars)
        {
            var problem = new GemmCase(m, n, k, transA, transB, alpha, beta, seed: (ulong)(m + 7 * n + 31 * k));
            foreach (var threads in new[] { 1, 2 })
            {
                gemm.SetThreads(threads);
                problem.Check(gemm);
            }
        }
        new GemmCase(m, n, k, transA, transB, 1f, 0f, nanC: true).Check(gemm);
        new GemmCase(m, n, 0, transA, transB, 1f, 0.5f).Check(gemm);
    }

    [Fact]
    public void Avx512_machines_get_the_avx512_kernels_unless_the_user_chose()
    {
        if (!OpenBlasGemm.IsAvailable || Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is not null) return;
        var avx512 = Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512CD.IsSupported && Avx512F.VL.IsSupported;
        var core = ((OpenBlasGemm)GemmProviders.Create("openblas")).CoreName;
        if (avx512) Assert.Equal("SkylakeX", core);
        else Assert.NotEqual("unknown", core);
    }

    [Fact]
    public void Missing_library_gives_the_install_hint()
    {
        var ex = Assert.Throws<ArgumentException>(() => GemmProviders.CreateOpenBlas("libopenblas-not-here.so.0"));
        Assert.Contains("libopenblas-not-here.so.0 could not be loaded", ex.Message);
        Assert.Contains("apt-get install libopenblas0-pthread", ex.Message);
    }
}
