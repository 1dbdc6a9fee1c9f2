using Contrastive.Gemm;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Matrix product op(a) @ op(b) of rank-2 tensors, where op transposes when asked. With
    /// transA, <paramref name="a"/> is stored (k, m); with transB, <paramref name="b"/> is stored (n, k).
    /// </summary>
    /// <exception cref="ArgumentException">Inner dimensions differ; the message names both shapes.</exception>
    public static Tensor MatMul(Tensor a, Tensor b, bool transA = false, bool transB = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2 || b.Rank != 2)
            throw new ArgumentException($"matmul needs rank-2 operands, got {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)}");
        int m = transA ? a.Size(1) : a.Size(0), k = transA ? a.Size(0) : a.Size(1);
        int kb = transB ? b.Size(1) : b.Size(0), n = transB ? b.Size(0) : b.Size(1);
        if (k != kb)
            throw new ArgumentException($"matmul: inner dimensions differ for {Shapes.Format(a.Shape)}{(transA ? "^T" : "")} @ {Shapes.Format(b.Shape)}{(transB ? "^T" : "")}");
        int lda = a.Size(1), ldb = b.Size(1);
        var y = BufferPool.Rent(m * n); // written by the GEMM with beta = 0
        var gemm = GemmProviders.Current;
        gemm.Sgemm(transA, transB, m, n, k, 1f, a.Buffer, lda, b.Buffer, ldb, 0f, y, n);
        return Tensor.FromOp(y, [m, n], "matmul", [a, b], g =>
        {
            // Accumulate with beta = 1. dA = g @ op(B)^T (stored transposed when transA); dB = op(A)^T @ g.
            if (a.TracksGrad)
            {
                if (!transA) gemm.Sgemm(false, !transB, m, k, n, 1f, g, n, b.Buffer, ldb, 1f, Tensor.GradBuffer(a), lda);
                else gemm.Sgemm(transB, true, k, m, n, 1f, b.Buffer, ldb, g, n, 1f, Tensor.GradBuffer(a), lda);
            }
            if (b.TracksGrad)
            {
                if (!transB) gemm.Sgemm(!transA, false, k, n, m, 1f, a.Buffer, lda, g, n, 1f, Tensor.GradBuffer(b), ldb);
                else gemm.Sgemm(true, transA, n, k, m, 1f, g, n, a.Buffer, lda, 1f, Tensor.GradBuffer(b), ldb);
            }
        });
    }
}
