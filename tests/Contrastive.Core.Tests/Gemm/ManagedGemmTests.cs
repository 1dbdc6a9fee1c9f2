using Contrastive.Gemm;

namespace Contrastive.Core.Tests.Gemm;

[Trait("Category", "Kernels")]
public class ManagedGemmTests
{
    [Theory]
    [MemberData(nameof(GemmShapes.Cases), MemberType = typeof(GemmShapes))]
    public void Matches_naive_on_one_and_two_threads(int m, int n, int k, bool transA, bool transB)
    {
        var gemm = new ManagedGemm();
        foreach (var (alpha, beta) in GemmShapes.Scalars)
        {
            var problem = new GemmCase(m, n, k, transA, transB, alpha, beta, seed: (ulong)(m + 7 * n + 31 * k));
            foreach (var threads in new[] { 1, 2 })
            {
                gemm.SetThreads(threads);
                problem.Check(gemm);
            }
        }
    }

    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    public void Every_kernel_family_matches_naive(int bits)
    {
        var tier = bits switch { 512 => KernelTier.Vector512, 256 => KernelTier.Vector256, _ => KernelTier.Vector128 };
        // Runs even where the family is not accelerated (software fallback), so each kernel is tested on one machine.
        var gemm = new ManagedGemm(GemmKernel.For(tier));
        foreach (var (m, n, k) in new[] { (31, 70, 300), (3, 1100, 5), (130, 33, 17) })
            foreach (var (transA, transB) in new[] { (false, false), (true, false), (false, true), (true, true) })
                new GemmCase(m, n, k, transA, transB, -1.5f, 0.25f).Check(gemm);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(33, 47, 65)]
    [InlineData(255, 257, 129)]
    public void Beta_zero_overwrites_nan_in_c(int m, int n, int k)
    {
        var gemm = new ManagedGemm();
        foreach (var threads in new[] { 1, 2 })
        {
            gemm.SetThreads(threads);
            new GemmCase(m, n, k, false, true, 2f, 0f, nanC: true).Check(gemm);
        }
    }

    [Theory]
    [InlineData(9, 32, 8000, true, false)] // conv1 grad_w-like: one tile, long K -> split over K
    [InlineData(20, 600, 300, false, false)] // more column panels than row panels -> split over N
    [InlineData(500, 40, 300, false, true)] // split over M
    public void Each_thread_split_matches_naive(int m, int n, int k, bool transA, bool transB)
    {
        var gemm = new ManagedGemm();
        gemm.SetThreads(2);
        new GemmCase(m, n, k, transA, transB, 1f, 1f).Check(gemm);
        new GemmCase(m, n, k, transA, transB, 0.5f, 0f, nanC: true).Check(gemm);
    }

    [Fact]
    public void Empty_inner_dimension_or_zero_alpha_only_scales_c()
    {
        var gemm = new ManagedGemm();
        new GemmCase(5, 6, 0, false, false, 1f, 0.5f).Check(gemm);
        new GemmCase(5, 6, 0, true, true, 1f, 0f, nanC: true).Check(gemm);
        new GemmCase(40, 50, 60, false, false, 0f, 2f).Check(gemm);
    }

    [Fact]
    public void Bad_arguments_name_the_operand()
    {
        var gemm = new ManagedGemm();
        var ex = Assert.Throws<ArgumentException>(() => gemm.Sgemm(false, false, 2, 3, 4, 1f, new float[7], 4, new float[12], 3, 0f, new float[6], 3));
        Assert.Contains("A has 7 elements", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => gemm.Sgemm(false, true, 2, 3, 4, 1f, new float[8], 4, new float[12], 3, 0f, new float[6], 3));
        Assert.Contains("ldb=3", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => gemm.Sgemm(false, false, 2, 3, 4, 1f, new float[8], 4, new float[12], 3, 0f, new float[5], 3));
        Assert.Contains("C has 5 elements", ex.Message);
        Assert.Throws<ArgumentException>(() => gemm.Sgemm(false, false, -1, 3, 4, 1f, new float[8], 4, new float[12], 3, 0f, new float[6], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => gemm.SetThreads(0));
    }
}
