using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    private enum SoftmaxKind { Softmax, LogSoftmax, LogSumExp }

    /// <summary>exp(x) / sum(exp(x)) along <paramref name="dim"/>, max-shifted so large logits do not overflow.</summary>
    public static Tensor Softmax(Tensor x, int dim) => SoftmaxFamily(x, dim, SoftmaxKind.Softmax, keepDim: false);

    /// <summary>x - logsumexp(x) along <paramref name="dim"/>, max-shifted.</summary>
    public static Tensor LogSoftmax(Tensor x, int dim) => SoftmaxFamily(x, dim, SoftmaxKind.LogSoftmax, keepDim: false);

    /// <summary>log(sum(exp(x))) along <paramref name="dim"/>, computed as m + log(sum(exp(x - m))) with m the maximum.</summary>
    public static Tensor LogSumExp(Tensor x, int dim, bool keepDim = false) => SoftmaxFamily(x, dim, SoftmaxKind.LogSumExp, keepDim);

    private static Tensor SoftmaxFamily(Tensor x, int dim, SoftmaxKind kind, bool keepDim)
    {
        ArgumentNullException.ThrowIfNull(x);
        var name = kind switch { SoftmaxKind.Softmax => "softmax", SoftmaxKind.LogSoftmax => "log_softmax", _ => "logsumexp" };
        var (outer, size, inner, reduced) = SplitAt(x, dim, keepDim);
        if (size == 0) throw new ArgumentException($"{name} over the empty dimension {dim} of shape {Shapes.Format(x.Shape)}");
        var rows = outer * inner;
        var xr = Lines.ToRows(x.Buffer, outer, size, inner); // (rows, size)
        var lse = new float[rows];
        var yr = kind == SoftmaxKind.LogSumExp ? null : new float[x.Length];
        Lines.ForRows(rows, size, (r, scratch) =>
        {
            var row = xr.AsSpan(r * size, size);
            var e = yr is null ? scratch : yr.AsSpan(r * size, size);
            // An infinite maximum is not subtracted (as in PyTorch): all -inf gives lse = -inf, any +inf gives +inf.
            var m = TensorPrimitives.Max(row);
            if (float.IsInfinity(m)) m = 0f;
            TensorPrimitives.Subtract(row, m, e);
            TensorPrimitives.Exp(e, e);
            var s = TensorPrimitives.Sum(e);
            lse[r] = m + MathF.Log(s);
            if (kind == SoftmaxKind.Softmax) TensorPrimitives.Multiply(e, 1f / s, e);
            else if (kind == SoftmaxKind.LogSoftmax) TensorPrimitives.Subtract(row, lse[r], e);
        });
        var y = yr is null ? lse : Lines.FromRows(yr, outer, size, inner);
        return Tensor.FromOp(y, kind == SoftmaxKind.LogSumExp ? reduced : x.Shape, name, [x], g =>
        {
            var gr = kind == SoftmaxKind.LogSumExp ? g : Lines.ToRows(g, outer, size, inner);
            var gxr = inner == 1 ? Tensor.GradBuffer(x) : new float[x.Length];
            Lines.ForRows(rows, size, (r, scratch) =>
            {
                var gx = gxr.AsSpan(r * size, size);
                if (kind == SoftmaxKind.LogSumExp)
                {
                    // d lse / dx = softmax(x) = exp(x - lse).
                    TensorPrimitives.Subtract(xr.AsSpan(r * size, size), lse[r], scratch);
                    TensorPrimitives.Exp(scratch, scratch);
                    TensorPrimitives.MultiplyAdd(scratch, gr[r], gx, gx);
                    return;
                }
                var gRow = gr.AsSpan(r * size, size);
                var yRow = yr.AsSpan(r * size, size);
                if (kind == SoftmaxKind.Softmax)
                {
                    // g_x = y * (g - sum(g * y)).
                    TensorPrimitives.Subtract(gRow, TensorPrimitives.Dot(gRow, yRow), scratch);
                    TensorPrimitives.MultiplyAdd(scratch, yRow, gx, gx);
                }
                else
                {
                    // g_x = g - softmax * sum(g), softmax = exp(log_softmax).
                    TensorPrimitives.Exp(yRow, scratch);
                    TensorPrimitives.Add(gx, gRow, gx);
                    TensorPrimitives.MultiplyAdd(scratch, -TensorPrimitives.Sum(gRow), gx, gx);
                }
            });
            if (inner > 1) Lines.AddFromRows(gxr, Tensor.GradBuffer(x), outer, size, inner);
        });
    }
}
