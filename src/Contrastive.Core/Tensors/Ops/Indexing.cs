using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Rows of <paramref name="x"/> picked along dimension 0: out[i, ...] = x[indices[i], ...]. Indices may
    /// repeat; the backward scatter-adds, so a row picked twice receives both gradients.
    /// </summary>
    /// <exception cref="ArgumentException">An index is outside [0, x.Size(0)); the message names it.</exception>
    public static Tensor IndexSelect(Tensor x, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(indices);
        if (x.Rank == 0) throw new ArgumentException("index_select needs a tensor of rank >= 1, got a scalar");
        var shape = x.Shape.ToArray();
        shape[0] = indices.Length;
        return SelectRows(x, indices, shape, "index_select");
    }

    /// <summary>
    /// One element per row of a matrix: out[i] = x[i, indices[i]] for x of shape (N, C), indices of length N.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ or an index is outside [0, C).</exception>
    public static Tensor Gather(Tensor x, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(indices);
        if (x.Rank != 2 || indices.Length != x.Size(0))
            throw new ArgumentException($"gather: needs x of shape (N, C) and N indices, got {Shapes.Format(x.Shape)} and {indices.Length} indices");
        var c = x.Size(1);
        ValidateIndices(indices, c, "gather");
        var at = (int[])indices.Clone();
        var xv = x.Buffer;
        var y = BufferPool.Rent(at.Length);
        for (var i = 0; i < at.Length; i++) y[i] = xv[i * c + at[i]];
        return Tensor.FromOp(y, [at.Length], "gather", [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            for (var i = 0; i < at.Length; i++) gx[i * c + at[i]] += g[i];
        });
    }

    /// <summary>
    /// x with the elements where <paramref name="mask"/> is true replaced by <paramref name="value"/>
    /// (e.g. -inf on the diagonal of a similarity matrix). No gradient flows through filled positions.
    /// </summary>
    /// <exception cref="ArgumentException">The mask length differs from the element count.</exception>
    public static Tensor MaskedFill(Tensor x, bool[] mask, float value)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Length != x.Length)
            throw new ArgumentException($"masked_fill: mask has {mask.Length} elements but x of shape {Shapes.Format(x.Shape)} has {x.Length}");
        var keep = (bool[])mask.Clone();
        var y = x.ToArray();
        for (var i = 0; i < y.Length; i++) if (keep[i]) y[i] = value;
        return Tensor.FromOp(y, x.Shape, "masked_fill", [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            for (var i = 0; i < gx.Length; i++) if (!keep[i]) gx[i] += g[i];
        });
    }

    /// <summary>Copies rows x[indices[i]] (rows = dimension 0) into a tensor of <paramref name="shape"/>; scatter-adds back.</summary>
    private static Tensor SelectRows(Tensor x, int[] indices, int[] shape, string name)
    {
        var rows = x.Rank == 0 ? 0 : x.Size(0);
        ValidateIndices(indices, rows, name);
        var rowLength = rows == 0 ? 0 : x.Length / rows;
        var at = (int[])indices.Clone();
        var xv = x.Buffer;
        var y = BufferPool.Rent(at.Length * rowLength);
        for (var i = 0; i < at.Length; i++) xv.AsSpan(at[i] * rowLength, rowLength).CopyTo(y.AsSpan(i * rowLength, rowLength));
        return Tensor.FromOp(y, shape, name, [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            for (var i = 0; i < at.Length; i++)
            {
                var dst = gx.AsSpan(at[i] * rowLength, rowLength);
                TensorPrimitives.Add(dst, g.AsSpan(i * rowLength, rowLength), dst);
            }
        });
    }

    private static void ValidateIndices(int[] indices, int count, string name)
    {
        for (var i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)count)
                throw new ArgumentException($"{name}: indices[{i}] = {indices[i]} is out of range [0, {count})");
    }
}
