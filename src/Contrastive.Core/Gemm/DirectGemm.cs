namespace Contrastive.Gemm;

/// <summary>The unpacked triple loop for products too small to repay packing.</summary>
internal static unsafe class DirectGemm
{
    /// <summary>C = alpha * op(A) * op(B) + beta * C for an m x n x k product; beta = 0 never reads C.</summary>
    public static void Run(in GemmOperands g, int m, int n, int k)
    {
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var sum = 0f;
                for (var p = 0; p < k; p++) sum = MathF.FusedMultiplyAdd(*g.AAt(i, p), *g.BAt(p, j), sum);
                var c = g.CAt(i, j);
                *c = g.Beta == 0f ? g.Alpha * sum : MathF.FusedMultiplyAdd(g.Beta, *c, g.Alpha * sum);
            }
    }
}
