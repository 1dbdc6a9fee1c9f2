using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>Writes f(x) into <paramref name="y"/> for one block; <paramref name="scratch"/> holds 2 * <see cref="Blocks.Size"/> floats.</summary>
    internal delegate void BlockForward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch);

    /// <summary>Writes dy/dx into <paramref name="d"/> for one block from the input and output; <paramref name="scratch"/> as above.</summary>
    internal delegate void BlockDerivative(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d, Span<float> scratch);

    /// <summary>
    /// A vectorised elementwise op: the forward and derivative kernels run over L1-sized blocks, in
    /// parallel chunks for large tensors. Backward: grad_x += grad_y * dy/dx.
    /// </summary>
    internal static Tensor Pointwise(Tensor x, string name, BlockForward forward, BlockDerivative derivative)
    {
        ArgumentNullException.ThrowIfNull(x);
        var xv = x.Buffer;
        var y = BufferPool.Rent(xv.Length);
        Blocks.Run(xv.Length, (start, length, scratch) =>
            forward(xv.AsSpan(start, length), y.AsSpan(start, length), scratch[..(2 * Blocks.Size)]));
        return Tensor.FromOp(y, x.Shape, name, [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            Blocks.Run(xv.Length, (start, length, scratch) =>
            {
                var d = scratch[..length];
                derivative(xv.AsSpan(start, length), y.AsSpan(start, length), d, scratch[Blocks.Size..]);
                var gxs = gx.AsSpan(start, length);
                TensorPrimitives.MultiplyAdd(g.AsSpan(start, length), d, gxs, gxs);
            });
        });
    }
}
