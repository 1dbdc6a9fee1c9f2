namespace Contrastive.Gemm;

/// <summary>
/// Pinned operands of one C = alpha * op(A) * op(B) + beta * C call (row-major), with addressing of op(A) and op(B)
/// elements independent of the transposes.
/// </summary>
internal readonly unsafe struct GemmOperands(
    float* a, nint lda, bool transA, float* b, nint ldb, bool transB, float* c, nint ldc, float alpha, float beta)
{
    public float* A { get; } = a;
    public nint Lda { get; } = lda;
    public bool TransA { get; } = transA;
    public float* B { get; } = b;
    public nint Ldb { get; } = ldb;
    public bool TransB { get; } = transB;
    public float* C { get; } = c;
    public nint Ldc { get; } = ldc;
    public float Alpha { get; } = alpha;
    public float Beta { get; } = beta;

    /// <summary>Address of op(A)(i, p).</summary>
    public float* AAt(int i, int p) => TransA ? A + p * Lda + i : A + i * Lda + p;

    /// <summary>Address of op(B)(p, j).</summary>
    public float* BAt(int p, int j) => TransB ? B + j * Ldb + p : B + p * Ldb + j;

    /// <summary>Address of C(i, j).</summary>
    public float* CAt(int i, int j) => C + i * Ldc + j;

    /// <summary>The operands with op(A) and op(B) advanced by <paramref name="p0"/> along the shared dimension K.</summary>
    public GemmOperands Shift(int p0) =>
        new(AAt(0, p0), Lda, TransA, BAt(p0, 0), Ldb, TransB, C, Ldc, Alpha, Beta);

    /// <summary>The same product written to <paramref name="c"/> (row stride <paramref name="ldc"/>) with new alpha and beta.</summary>
    public GemmOperands WithC(float* c, nint ldc, float alpha, float beta) =>
        new(A, Lda, TransA, B, Ldb, TransB, c, ldc, alpha, beta);
}
