using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as in PyTorch) of <paramref name="x"/> (N, C, H, W) with
    /// <paramref name="weight"/> (O, C, kh, kw) and an optional <paramref name="bias"/> (O): symmetric zero
    /// <paramref name="padding"/>, no dilation, one group. Returns (N, O, OH, OW) with OH = (H + 2P - kh) / S + 1.
    /// </summary>
    /// <remarks>
    /// im2row + GEMM over a few images at a time (see <see cref="ConvChunks"/>): each image is turned channel-last, its
    /// (positions, taps) im2row matrix is built from block copies, and one GEMM per chunk of images computes
    /// out^T (chunk*L, O) = rows (chunk*L, R) @ W'^T (R, O), with W' the weight in tap order (O, kh, kw, C);
    /// the result is transposed back to NCHW. Threads take contiguous ranges of images, each with a serial GEMM.
    /// Stride-1 layers with few taps (a first layer) run as a direct convolution instead (see <see cref="DirectConv"/>).
    /// </remarks>
    /// <exception cref="ArgumentException">Ranks, channel counts or bias length disagree, or the kernel does not fit; the message names the shapes.</exception>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0)
    {
        var g = ConvCheck(x, weight, bias, stride, padding);
        int n = x.Size(0), o = weight.Size(0);
        var plan = new ConvChunks(g, o, ConvChunks.TapsLast(weight.Buffer, o, g));
        var y = BufferPool.Rent(n * o * g.Positions);
        if (DirectConv.Applies(g)) DirectConv.Forward(x.Buffer, weight.Buffer, y, n, o, g);
        else plan.Forward(x.Buffer, y, n);
        if (bias is not null) AddBias(y, bias.Buffer, n, o, g.Positions);
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Tensor.FromOp(y, [n, o, g.OutH, g.OutW], "conv2d", inputs, grad => ConvBackward(grad, x, weight, bias, plan));
    }

    private static void ConvBackward(float[] grad, Tensor x, Tensor weight, Tensor? bias, ConvChunks plan)
    {
        int n = x.Size(0), o = weight.Size(0), positions = plan.Geometry.Positions;
        if (bias is not null && bias.TracksGrad)
        {
            // grad_b[o] = sum over images and positions of grad_out.
            var gb = Tensor.GradBuffer(bias);
            for (var i = 0; i < n; i++)
                for (var c = 0; c < o; c++)
                    gb[c] += TensorPrimitives.Sum(grad.AsSpan((i * o + c) * positions, positions));
        }
        if (!weight.TracksGrad && !x.TracksGrad) return;
        if (DirectConv.Applies(plan.Geometry))
        {
            if (weight.TracksGrad) DirectConv.AddWeightGrad(grad, x.Buffer, Tensor.GradBuffer(weight), n, o, plan.Geometry);
            if (x.TracksGrad) plan.Backward(grad, x.Buffer, n, null, Tensor.GradBuffer(x));
            return;
        }
        var gradTapsLast = weight.TracksGrad ? new float[weight.Length] : null;
        plan.Backward(grad, x.Buffer, n, gradTapsLast, x.TracksGrad ? Tensor.GradBuffer(x) : null);
        if (gradTapsLast is not null) ConvChunks.AddTapsFirst(gradTapsLast, Tensor.GradBuffer(weight), o, plan.Geometry);
    }

    private static void AddBias(float[] y, float[] bias, int n, int o, int positions)
    {
        for (var i = 0; i < n; i++)
            for (var c = 0; c < o; c++)
            {
                var row = y.AsSpan((i * o + c) * positions, positions);
                TensorPrimitives.Add(row, bias[c], row);
            }
    }

    private static ConvGeometry ConvCheck(Tensor x, Tensor weight, Tensor? bias, int stride, int padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        if (x.Rank != 4 || weight.Rank != 4)
            throw new ArgumentException($"conv2d needs input (N, C, H, W) and weight (O, C, kh, kw), got {Shapes.Format(x.Shape)} and {Shapes.Format(weight.Shape)}");
        if (x.Size(1) != weight.Size(1))
            throw new ArgumentException($"conv2d: input {Shapes.Format(x.Shape)} has {x.Size(1)} channels but weight {Shapes.Format(weight.Shape)} expects {weight.Size(1)}");
        if (bias is not null && (bias.Rank != 1 || bias.Length != weight.Size(0)))
            throw new ArgumentException($"conv2d: bias {Shapes.Format(bias.Shape)} must be ({weight.Size(0)}) for weight {Shapes.Format(weight.Shape)}");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), $"conv2d stride must be at least 1, got {stride}");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), $"conv2d padding must be non-negative, got {padding}");
        var g = new ConvGeometry(x.Size(1), x.Size(2), x.Size(3), weight.Size(2), weight.Size(3), stride, padding);
        if (g.Kh < 1 || g.Kw < 1 || x.Size(2) + 2 * padding < g.Kh || x.Size(3) + 2 * padding < g.Kw)
            throw new ArgumentException($"conv2d: kernel {g.Kh}x{g.Kw} does not fit input {Shapes.Format(x.Shape)} with padding {padding}");
        return g;
    }
}
