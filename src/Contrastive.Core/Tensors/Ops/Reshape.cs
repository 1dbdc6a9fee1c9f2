using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>The same elements with a new shape; one dimension may be -1 (inferred).</summary>
    /// <exception cref="ArgumentException">The element counts differ; the message names both shapes.</exception>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        var target = (int[])shape.Clone();
        var infer = Array.IndexOf(target, -1);
        if (infer >= 0)
        {
            var known = 1;
            for (var i = 0; i < target.Length; i++) if (i != infer) known *= target[i];
            if (known == 0 || x.Length % known != 0)
                throw new ArgumentException($"reshape: cannot infer -1 reshaping {Shapes.Format(x.Shape)} to {Shapes.Format(shape)}");
            target[infer] = x.Length / known;
        }
        if (Shapes.Count(target) != x.Length)
            throw new ArgumentException($"reshape: {Shapes.Format(x.Shape)} has {x.Length} elements, {Shapes.Format(shape)} needs {Shapes.Count(target)}");
        // Storage is shared: reshape is a view of the same row-major data.
        return Tensor.FromOp(x.Buffer, target, "reshape", [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            TensorPrimitives.Add(gx, g, gx);
        });
    }

    /// <summary>The transpose of a rank-2 tensor (copied).</summary>
    public static Tensor Transpose(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2) throw new ArgumentException($"Transpose needs a rank-2 tensor, got {Shapes.Format(x.Shape)}");
        int r = x.Size(0), c = x.Size(1);
        var xv = x.Buffer;
        var y = BufferPool.Rent(x.Length);
        for (var i = 0; i < r; i++)
            for (var j = 0; j < c; j++) y[j * r + i] = xv[i * c + j];
        return Tensor.FromOp(y, [c, r], "transpose", [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            for (var i = 0; i < r; i++)
                for (var j = 0; j < c; j++) gx[i * c + j] += g[j * r + i];
        });
    }
}
