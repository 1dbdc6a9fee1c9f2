namespace Contrastive.Gemm;

/// <summary>The textbook triple loop in double precision: the oracle the fast providers are tested against.</summary>
public sealed class NaiveGemm : IGemmProvider
{
    /// <inheritdoc />
    public string Name => "naive";

    /// <inheritdoc />
    public void SetThreads(int threads) { }

    /// <inheritdoc />
    public void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                    sum += (double)(transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                var prior = beta == 0 ? 0 : beta * c[i * ldc + j];
                c[i * ldc + j] = (float)(alpha * sum) + prior;
            }
    }
}
