namespace Contrastive.Gemm;

/// <summary>Argument validation and the beta-only update shared by every GEMM provider.</summary>
internal static class GemmChecks
{
    /// <summary>
    /// The common start of every provider's Sgemm: validates the arguments, then does the products that need no
    /// multiply (m or n = 0: nothing; k = 0 or alpha = 0: C = beta * C, touching neither A nor B). Returns true when
    /// the call is complete. (cblas also rejects leading dimensions of 0 that such calls may legally pass.)
    /// </summary>
    public static bool ValidateOrFinishTrivial(bool transA, bool transB, int m, int n, int k, float alpha,
        int aLength, int lda, int bLength, int ldb, float beta, Span<float> c, int ldc)
    {
        Validate(transA, transB, m, n, k, aLength, lda, bLength, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return true;
        if (k != 0 && alpha != 0f) return false;
        ScaleC(m, n, beta, c, ldc);
        return true;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the operand when a size is negative, a leading dimension is
    /// smaller than the stored row width, or a buffer is too short for the rows it must hold.
    /// </summary>
    private static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException($"sgemm sizes must be non-negative, got m={m}, n={n}, k={k}");
        // A is stored m x k (k x m when transposed), B is stored k x n (n x k), C is m x n; all row-major.
        Operand("A", transA ? k : m, transA ? m : k, aLength, lda, transA, "lda");
        Operand("B", transB ? n : k, transB ? k : n, bLength, ldb, transB, "ldb");
        Operand("C", m, n, cLength, ldc, false, "ldc");
    }

    /// <summary>C = beta * C over the m x n block; beta = 0 overwrites (NaN in C does not survive).</summary>
    private static void ScaleC(int m, int n, float beta, Span<float> c, int ldc)
    {
        if (beta == 1f) return;
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0f) row.Clear();
            else System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }

    private static void Operand(string name, int rows, int cols, int length, int ld, bool transposed, string ldName)
    {
        var stored = $"{name} stored as {rows} x {cols}{(transposed ? " (transposed)" : "")}";
        if (ld < cols)
            throw new ArgumentException($"sgemm: {ldName}={ld} is smaller than the row width of {stored}");
        var needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"sgemm: {name} has {length} elements but {stored} with {ldName}={ld} needs {needed}");
    }
}
