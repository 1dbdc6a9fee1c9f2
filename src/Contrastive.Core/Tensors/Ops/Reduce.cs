using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>The sum of all elements (rank-0 result).</summary>
    public static Tensor Sum(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var s = TensorPrimitives.Sum<float>(x.Buffer);
        return Tensor.FromOp([s], [], "sum", [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            TensorPrimitives.Add(gx, g[0], gx);
        });
    }

    /// <summary>The mean of all elements (rank-0 result).</summary>
    public static Tensor Mean(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0) throw new ArgumentException("Mean of an empty tensor");
        return Scale(Sum(x), 1f / x.Length);
    }

    /// <summary>Sum over dimension <paramref name="dim"/>; the dimension is kept with size 1 when <paramref name="keepDim"/>.</summary>
    public static Tensor Sum(Tensor x, int dim, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (outer, size, inner, shape) = SplitAt(x, dim, keepDim);
        var xv = x.Buffer;
        var y = BufferPool.RentZeroed(outer * inner); // accumulated below
        for (var o = 0; o < outer; o++)
            for (var d = 0; d < size; d++)
                TensorPrimitives.Add(y.AsSpan(o * inner, inner), xv.AsSpan((o * size + d) * inner, inner), y.AsSpan(o * inner, inner));
        return Tensor.FromOp(y, shape, "sum_dim", [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            for (var o = 0; o < outer; o++)
                for (var d = 0; d < size; d++)
                {
                    var dst = gx.AsSpan((o * size + d) * inner, inner);
                    TensorPrimitives.Add(dst, g.AsSpan(o * inner, inner), dst);
                }
        });
    }

    /// <summary>Mean over dimension <paramref name="dim"/>.</summary>
    public static Tensor Mean(Tensor x, int dim, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n = x.Size(dim);
        if (n == 0) throw new ArgumentException($"Mean over an empty dimension {dim} of shape {Shapes.Format(x.Shape)}");
        return Scale(Sum(x, dim, keepDim), 1f / n);
    }

    /// <summary>
    /// Views <paramref name="x"/> as (outer, size, inner) around <paramref name="dim"/> and returns the
    /// result shape of a reduction over it.
    /// </summary>
    internal static (int Outer, int Size, int Inner, int[] ReducedShape) SplitAt(Tensor x, int dim, bool keepDim)
    {
        var d = Shapes.NormalizeDim(dim, x.Rank);
        var shape = x.Shape;
        int outer = 1, inner = 1;
        for (var i = 0; i < d; i++) outer *= shape[i];
        for (var i = d + 1; i < shape.Length; i++) inner *= shape[i];
        var reduced = new List<int>(shape.Length);
        for (var i = 0; i < shape.Length; i++)
        {
            if (i != d) reduced.Add(shape[i]);
            else if (keepDim) reduced.Add(1);
        }
        return (outer, shape[d], inner, reduced.ToArray());
    }
}
