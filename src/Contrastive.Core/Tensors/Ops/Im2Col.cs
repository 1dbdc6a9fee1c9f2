using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Contrastive.Tensors;

/// <summary>
/// The shape of a 2-D convolution or pooling window over one (C, H, W) image: kernel (Kh, Kw),
/// symmetric stride and zero padding, output (OutH, OutW) with OutH = (H + 2P - Kh) / S + 1.
/// </summary>
internal readonly record struct ConvGeometry(int Channels, int Height, int Width, int Kh, int Kw, int Stride, int Padding)
{
    public int OutH => (Height + 2 * Padding - Kh) / Stride + 1;

    public int OutW => (Width + 2 * Padding - Kw) / Stride + 1;

    /// <summary>Output positions per channel, OutH * OutW.</summary>
    public int Positions => OutH * OutW;

    /// <summary>Rows of the column matrix, C * Kh * Kw (one per kernel tap).</summary>
    public int Rows => Channels * Kh * Kw;

    public int ImageSize => Channels * Height * Width;

    /// <summary>A 1x1, stride-1, unpadded window: the column matrix is the image itself.</summary>
    public bool IsPointwise => Kh == 1 && Kw == 1 && Stride == 1 && Padding == 0;

    /// <summary>Output columns [lo, hi) whose input column ow * S - P + kj lies inside the image.</summary>
    public (int Lo, int Hi) ValidOutColumns(int kj)
    {
        var lo = Padding - kj > 0 ? (Padding - kj + Stride - 1) / Stride : 0;
        var last = Width - 1 + Padding - kj;
        var hi = last < 0 ? 0 : Math.Min(OutW, last / Stride + 1);
        return (lo, Math.Max(lo, hi));
    }
}

/// <summary>
/// im2col / col2im for one image. The column matrix has one row per kernel tap (c, ki, kj) and one
/// column per output position (oh, ow): col[(c*Kh + ki)*Kw + kj, oh*OutW + ow] = x[c, oh*S - P + ki, ow*S - P + kj]
/// (zero outside the image). Rows are <c>ld</c> apart so that the images of a batch can sit side by side.
/// </summary>
internal static class Im2Col
{
    /// <summary>Writes the column matrix of <paramref name="image"/> into <paramref name="col"/> (every element is written).</summary>
    public static void Pack(ReadOnlySpan<float> image, Span<float> col, int ld, in ConvGeometry g)
    {
        int outH = g.OutH, outW = g.OutW, positions = g.Positions, s = g.Stride, p = g.Padding, plane = g.Height * g.Width;
        if (g.IsPointwise)
        {
            for (var c = 0; c < g.Channels; c++) image.Slice(c * plane, plane).CopyTo(col.Slice(c * ld, positions));
            return;
        }
        for (var c = 0; c < g.Channels; c++)
            for (var ki = 0; ki < g.Kh; ki++)
                for (var kj = 0; kj < g.Kw; kj++)
                {
                    var dst = col.Slice(((c * g.Kh + ki) * g.Kw + kj) * ld, positions);
                    var (lo, hi) = g.ValidOutColumns(kj);
                    for (var oh = 0; oh < outH; oh++)
                    {
                        var row = dst.Slice(oh * outW, outW);
                        var ih = oh * s - p + ki;
                        if ((uint)ih >= (uint)g.Height) { row.Clear(); continue; }
                        row[..lo].Clear();
                        row[hi..].Clear();
                        var src = image.Slice((c * g.Height + ih) * g.Width, g.Width);
                        var iw = lo * s - p + kj;
                        if (s == 1) src.Slice(iw, hi - lo).CopyTo(row[lo..hi]);
                        else Gather(src, iw, s, row[lo..hi]);
                    }
                }
    }

    /// <summary>Adds each column-matrix entry back onto the image element it was read from (the adjoint of <see cref="Pack"/>).</summary>
    public static void Accumulate(ReadOnlySpan<float> col, int ld, Span<float> image, in ConvGeometry g)
    {
        int outH = g.OutH, outW = g.OutW, positions = g.Positions, s = g.Stride, p = g.Padding, plane = g.Height * g.Width;
        if (g.IsPointwise)
        {
            for (var c = 0; c < g.Channels; c++)
            {
                var dst = image.Slice(c * plane, plane);
                TensorPrimitives.Add(dst, col.Slice(c * ld, positions), dst);
            }
            return;
        }
        for (var c = 0; c < g.Channels; c++)
            for (var ki = 0; ki < g.Kh; ki++)
                for (var kj = 0; kj < g.Kw; kj++)
                {
                    var src = col.Slice(((c * g.Kh + ki) * g.Kw + kj) * ld, positions);
                    var (lo, hi) = g.ValidOutColumns(kj);
                    if (lo == hi) continue;
                    for (var oh = 0; oh < outH; oh++)
                    {
                        var ih = oh * s - p + ki;
                        if ((uint)ih >= (uint)g.Height) continue;
                        var row = src.Slice(oh * outW, outW);
                        var dst = image.Slice((c * g.Height + ih) * g.Width, g.Width);
                        var iw = lo * s - p + kj;
                        if (s == 1)
                        {
                            var d = dst.Slice(iw, hi - lo);
                            TensorPrimitives.Add(d, row[lo..hi], d);
                        }
                        else Scatter(row[lo..hi], dst, iw, s);
                    }
                }
    }

    /// <summary>dst[j] = src[start + j * step]; the caller guarantees every index is inside <paramref name="src"/>.</summary>
    private static void Gather(ReadOnlySpan<float> src, int start, int step, Span<float> dst)
    {
        if (dst.IsEmpty) return;
        _ = src[start + (dst.Length - 1) * step];
        ref var s = ref Unsafe.Add(ref MemoryMarshal.GetReference(src), start);
        ref var d = ref MemoryMarshal.GetReference(dst);
        for (var j = 0; j < dst.Length; j++) Unsafe.Add(ref d, j) = Unsafe.Add(ref s, j * step);
    }

    /// <summary>dst[start + j * step] += src[j]; the caller guarantees every index is inside <paramref name="dst"/>.</summary>
    private static void Scatter(ReadOnlySpan<float> src, Span<float> dst, int start, int step)
    {
        if (src.IsEmpty) return;
        _ = dst[start + (src.Length - 1) * step];
        ref var s = ref MemoryMarshal.GetReference(src);
        ref var d = ref Unsafe.Add(ref MemoryMarshal.GetReference(dst), start);
        for (var j = 0; j < src.Length; j++) Unsafe.Add(ref d, j * step) += Unsafe.Add(ref s, j);
    }
}
