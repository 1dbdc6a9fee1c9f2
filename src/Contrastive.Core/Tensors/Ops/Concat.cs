using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>Joins tensors along <paramref name="dim"/>; all other sizes must agree.</summary>
    /// <exception cref="ArgumentException">The list is empty or the shapes do not fit together; the message names them.</exception>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int dim)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("concat needs at least one tensor", nameof(tensors));
        for (var k = 0; k < tensors.Count; k++)
            if (tensors[k] is null) throw new ArgumentException($"concat: tensors[{k}] is null", nameof(tensors));
        var first = tensors[0];
        var d = Shapes.NormalizeDim(dim, first.Rank);
        var shape = first.Shape.ToArray();
        var sizes = new int[tensors.Count]; // each input's size along d
        for (var k = 0; k < tensors.Count; k++)
        {
            var t = tensors[k];
            var fits = t.Rank == first.Rank;
            for (var i = 0; fits && i < t.Rank; i++) fits = i == d || t.Shape[i] == first.Shape[i];
            if (!fits)
                throw new ArgumentException($"concat along dim {dim}: shapes {string.Join(", ", tensors.Select(x => Shapes.Format(x.Shape)))} differ outside that dimension (tensors[{k}])");
            sizes[k] = t.Shape[d];
        }
        shape[d] = sizes.Sum();
        int outer = 1, inner = 1;
        for (var i = 0; i < d; i++) outer *= shape[i];
        for (var i = d + 1; i < shape.Length; i++) inner *= shape[i];
        var inputs = tensors.ToArray();
        var y = BufferPool.Rent(Shapes.Count(shape)); // every block copied below
        var rowOut = shape[d] * inner;
        for (int k = 0, offset = 0; k < inputs.Length; offset += sizes[k] * inner, k++)
        {
            var block = sizes[k] * inner;
            for (var o = 0; o < outer; o++)
                inputs[k].Buffer.AsSpan(o * block, block).CopyTo(y.AsSpan(o * rowOut + offset, block));
        }
        return Tensor.FromOp(y, shape, "concat", inputs, g =>
        {
            for (int k = 0, offset = 0; k < inputs.Length; offset += sizes[k] * inner, k++)
            {
                if (!inputs[k].TracksGrad) continue;
                var gx = Tensor.GradBuffer(inputs[k]);
                var block = sizes[k] * inner;
                for (var o = 0; o < outer; o++)
                {
                    var dst = gx.AsSpan(o * block, block);
                    TensorPrimitives.Add(dst, g.AsSpan(o * rowOut + offset, block), dst);
                }
            }
        });
    }

    /// <summary>
    /// The slice [start, start + length) of <paramref name="dim"/> (copied); rows of a matrix are
    /// <c>Narrow(x, 0, start, length)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The slice does not lie inside the dimension.</exception>
    public static Tensor Narrow(Tensor x, int dim, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (outer, size, inner, _) = SplitAt(x, dim, keepDim: true);
        if (start < 0 || length < 0 || start > size - length)
            throw new ArgumentOutOfRangeException(nameof(start), $"narrow: [{start}, {start}+{length}) is outside dimension {dim} of shape {Shapes.Format(x.Shape)}");
        var shape = x.Shape.ToArray();
        shape[Shapes.NormalizeDim(dim, x.Rank)] = length;
        int block = length * inner, rowIn = size * inner, offset = start * inner;
        var y = BufferPool.Rent(outer * block);
        for (var o = 0; o < outer; o++) x.Buffer.AsSpan(o * rowIn + offset, block).CopyTo(y.AsSpan(o * block, block));
        return Tensor.FromOp(y, shape, "narrow", [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            for (var o = 0; o < outer; o++)
            {
                var dst = gx.AsSpan(o * rowIn + offset, block);
                TensorPrimitives.Add(dst, g.AsSpan(o * block, block), dst);
            }
        });
    }
}
