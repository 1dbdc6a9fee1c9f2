using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Max pooling of (N, C, H, W) with a square <paramref name="kernel"/>, <paramref name="stride"/> (default:
    /// the kernel) and implicit -infinity <paramref name="padding"/> (at most kernel / 2, as in PyTorch). NaN wins,
    /// as in PyTorch. The gradient flows to the position of each window's maximum (the first one on ties).
    /// </summary>
    /// <exception cref="ArgumentException">The input is not rank 4 or the window does not fit.</exception>
    public static Tensor MaxPool2d(Tensor x, int kernel, int? stride = null, int padding = 0)
    {
        var g = PoolCheck(x, kernel, stride, padding, "max_pool2d");
        int planes = x.Size(0) * x.Size(1), plane = g.Height * g.Width, positions = g.Positions;
        var xv = x.Buffer;
        var y = BufferPool.Rent(planes * positions);
        var argMax = new int[planes * positions];
        Parallelism.ForChunks(planes, Math.Max(1, 32768 / plane), (s, e) =>
        {
            for (var pl = s; pl < e; pl++)
                for (var oh = 0; oh < g.OutH; oh++)
                    for (var ow = 0; ow < g.OutW; ow++)
                    {
                        var (h0, h1) = PoolWindow(oh, g.Height, g);
                        var (w0, w1) = PoolWindow(ow, g.Width, g);
                        float best = float.NegativeInfinity;
                        var arg = h0 * g.Width + w0;
                        for (var ih = h0; ih < h1; ih++)
                            for (var iw = w0; iw < w1; iw++)
                            {
                                var v = xv[pl * plane + ih * g.Width + iw];
                                if (v > best || float.IsNaN(v)) { best = v; arg = ih * g.Width + iw; }
                            }
                        var o = pl * positions + oh * g.OutW + ow;
                        y[o] = best;
                        argMax[o] = arg;
                    }
        });
        return Tensor.FromOp(y, [x.Size(0), x.Size(1), g.OutH, g.OutW], "max_pool2d", [x], grad =>
        {
            var gx = Tensor.GradBuffer(x);
            for (var o = 0; o < grad.Length; o++) gx[o / positions * plane + argMax[o]] += grad[o];
        });
    }

    /// <summary>
    /// Average pooling of (N, C, H, W) with a square window; zero <paramref name="padding"/> counts in the
    /// divisor (PyTorch's count_include_pad = True), so every window divides by kernel^2.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not rank 4 or the window does not fit.</exception>
    public static Tensor AvgPool2d(Tensor x, int kernel, int? stride = null, int padding = 0)
    {
        var g = PoolCheck(x, kernel, stride, padding, "avg_pool2d");
        int planes = x.Size(0) * x.Size(1), plane = g.Height * g.Width, positions = g.Positions;
        var scale = 1f / (kernel * kernel);
        var xv = x.Buffer;
        var y = BufferPool.Rent(planes * positions);
        Parallelism.ForChunks(planes, Math.Max(1, 32768 / plane), (s, e) =>
        {
            for (var pl = s; pl < e; pl++)
                for (var oh = 0; oh < g.OutH; oh++)
                    for (var ow = 0; ow < g.OutW; ow++)
                    {
                        var (h0, h1) = PoolWindow(oh, g.Height, g);
                        var (w0, w1) = PoolWindow(ow, g.Width, g);
                        var sum = 0f;
                        for (var ih = h0; ih < h1; ih++)
                            sum += TensorPrimitives.Sum(xv.AsSpan(pl * plane + ih * g.Width + w0, w1 - w0));
                        y[pl * positions + oh * g.OutW + ow] = sum * scale;
                    }
        });
        return Tensor.FromOp(y, [x.Size(0), x.Size(1), g.OutH, g.OutW], "avg_pool2d", [x], grad =>
        {
            var gx = Tensor.GradBuffer(x);
            Parallelism.ForChunks(planes, Math.Max(1, 32768 / plane), (s, e) =>
            {
                for (var pl = s; pl < e; pl++)
                    for (var oh = 0; oh < g.OutH; oh++)
                        for (var ow = 0; ow < g.OutW; ow++)
                        {
                            var (h0, h1) = PoolWindow(oh, g.Height, g);
                            var (w0, w1) = PoolWindow(ow, g.Width, g);
                            var share = grad[pl * positions + oh * g.OutW + ow] * scale;
                            for (var ih = h0; ih < h1; ih++)
                            {
                                var row = gx.AsSpan(pl * plane + ih * g.Width + w0, w1 - w0);
                                TensorPrimitives.Add(row, share, row);
                            }
                        }
            });
        });
    }

    /// <summary>The mean over the spatial dimensions: (N, C, H, W) to (N, C).</summary>
    /// <exception cref="ArgumentException">The input is not rank 4 or has no spatial elements.</exception>
    public static Tensor GlobalAvgPool(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 4 || x.Size(2) * x.Size(3) == 0)
            throw new ArgumentException($"global_avg_pool needs a non-empty (N, C, H, W) input, got {Shapes.Format(x.Shape)}");
        int planes = x.Size(0) * x.Size(1), plane = x.Size(2) * x.Size(3);
        var xv = x.Buffer;
        var y = BufferPool.Rent(planes);
        for (var pl = 0; pl < planes; pl++) y[pl] = TensorPrimitives.Sum(xv.AsSpan(pl * plane, plane)) / plane;
        return Tensor.FromOp(y, [x.Size(0), x.Size(1)], "global_avg_pool", [x], grad =>
        {
            var gx = Tensor.GradBuffer(x);
            Parallelism.ForChunks(planes, Math.Max(1, 32768 / plane), (s, e) =>
            {
                for (var pl = s; pl < e; pl++)
                {
                    var dst = gx.AsSpan(pl * plane, plane);
                    TensorPrimitives.Add(dst, grad[pl] / plane, dst);
                }
            });
        });
    }

    /// <summary>Input rows (or columns) [lo, hi) of output index <paramref name="o"/>'s window, clipped to the image.</summary>
    private static (int Lo, int Hi) PoolWindow(int o, int size, in ConvGeometry g)
    {
        var start = o * g.Stride - g.Padding;
        return (Math.Max(0, start), Math.Min(size, start + g.Kh));
    }

    private static ConvGeometry PoolCheck(Tensor x, int kernel, int? stride, int padding, string op)
    {
        ArgumentNullException.ThrowIfNull(x);
        var s = stride ?? kernel;
        if (x.Rank != 4) throw new ArgumentException($"{op} needs input (N, C, H, W), got {Shapes.Format(x.Shape)}");
        if (kernel < 1 || s < 1) throw new ArgumentException($"{op}: kernel {kernel} and stride {s} must be at least 1");
        if (padding < 0 || padding > kernel / 2)
            throw new ArgumentException($"{op}: padding {padding} must be between 0 and half the kernel ({kernel / 2})");
        if (x.Size(2) + 2 * padding < kernel || x.Size(3) + 2 * padding < kernel)
            throw new ArgumentException($"{op}: kernel {kernel} does not fit input {Shapes.Format(x.Shape)} with padding {padding}");
        return new ConvGeometry(1, x.Size(2), x.Size(3), kernel, kernel, s, padding);
    }
}
