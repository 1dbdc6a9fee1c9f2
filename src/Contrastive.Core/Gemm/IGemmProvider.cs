namespace Contrastive.Gemm;

/// <summary>
/// Single-precision general matrix multiply, row-major:
/// C = alpha * op(A) * op(B) + beta * C, where op(X) is X or its transpose, op(A) is m x k and op(B) is k x n.
/// </summary>
public interface IGemmProvider
{
    /// <summary>Short name shown by the CLI and benchmarks (<c>managed</c>, <c>openblas</c>).</summary>
    string Name { get; }

    /// <summary>Sets the number of threads the provider may use.</summary>
    void SetThreads(int threads);

    /// <summary>Computes C = alpha * op(A) * op(B) + beta * C (row-major, leading dimensions lda/ldb/ldc).</summary>
    void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);
}
