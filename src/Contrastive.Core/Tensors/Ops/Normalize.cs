using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// x / max(||x||_2, eps) along <paramref name="dim"/> (PyTorch's <c>F.normalize</c>). Backward, with
    /// y the output and n the norm: g_x = (g - y * sum(g * y)) / n when n &gt;= eps, else g / eps.
    /// </summary>
    public static Tensor L2Normalize(Tensor x, int dim = 1, float eps = 1e-12f)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(eps > 0f)) throw new ArgumentOutOfRangeException(nameof(eps), $"L2Normalize: eps must be positive, got {eps}");
        var (outer, size, inner, _) = SplitAt(x, dim, keepDim: false);
        var rows = outer * inner;
        var xr = Lines.ToRows(x.Buffer, outer, size, inner);
        var yr = new float[x.Length];
        var norms = new float[rows];
        Lines.ForRows(rows, size, (r, _) =>
        {
            norms[r] = TensorPrimitives.Norm(xr.AsSpan(r * size, size));
            TensorPrimitives.Multiply(xr.AsSpan(r * size, size), 1f / MathF.Max(norms[r], eps), yr.AsSpan(r * size, size));
        });
        return Tensor.FromOp(Lines.FromRows(yr, outer, size, inner), x.Shape, "l2_normalize", [x], g =>
        {
            var gr = Lines.ToRows(g, outer, size, inner);
            var gxr = inner == 1 ? Tensor.GradBuffer(x) : new float[x.Length];
            Lines.ForRows(rows, size, (r, scratch) =>
            {
                Span<float> gRow = gr.AsSpan(r * size, size), yRow = yr.AsSpan(r * size, size), gx = gxr.AsSpan(r * size, size);
                // Below eps the denominator is the constant eps, so only g / eps remains (clamp_min passes at n = eps).
                var dot = norms[r] >= eps ? TensorPrimitives.Dot(gRow, yRow) : 0f;
                TensorPrimitives.MultiplyAdd(yRow, -dot, gRow, scratch);
                TensorPrimitives.MultiplyAdd(scratch, 1f / MathF.Max(norms[r], eps), gx, gx);
            });
            if (inner > 1) Lines.AddFromRows(gxr, Tensor.GradBuffer(x), outer, size, inner);
        });
    }
}
