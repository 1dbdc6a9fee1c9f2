using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Contrastive.Tensors;

/// <summary>
/// im2row / row2im for one channel-last image (H, W, C). The im2row matrix has one row per output position
/// (oh, ow) and one column per tap (ki, kj, c): row[(oh*OutW + ow)][(ki*Kw + kj)*C + c] = x[oh*S - P + ki, ow*S - P + kj, c]
/// (zero outside the image). For a fixed ki the Kw taps of a row read Kw*C consecutive floats of the image, so each
/// (position, ki) is one block copy.
/// </summary>
internal static unsafe class Im2Row
{
    /// <summary>Writes the im2row matrix of <paramref name="image"/> (H*W*C floats) into <paramref name="rows"/> (every element is written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(float* image, float* rows, in ConvGeometry g)
    {
        int c = g.Channels, taps = g.Taps, run = g.Kw * c;
        for (var oh = 0; oh < g.OutH; oh++)
            for (var ow = 0; ow < g.OutW; ow++)
            {
                var row = rows + (nint)(oh * g.OutW + ow) * taps;
                var (iw0, lo, hi) = Columns(ow, g);
                for (var ki = 0; ki < g.Kh; ki++, row += run)
                {
                    var ih = oh * g.Stride - g.Padding + ki;
                    if ((uint)ih >= (uint)g.Height || lo >= hi)
                    {
                        Clear(row, run);
                        continue;
                    }
                    Clear(row, lo * c);
                    Copy(image + (nint)(ih * g.Width + iw0 + lo) * c, row + lo * c, (hi - lo) * c);
                    Clear(row + hi * c, run - hi * c);
                }
            }
    }

    /// <summary>Adds each im2row entry back onto the image element it was read from (the adjoint of <see cref="Pack"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(float* rows, float* image, in ConvGeometry g)
    {
        int c = g.Channels, taps = g.Taps, run = g.Kw * c;
        for (var oh = 0; oh < g.OutH; oh++)
            for (var ow = 0; ow < g.OutW; ow++)
            {
                var row = rows + (nint)(oh * g.OutW + ow) * taps;
                var (iw0, lo, hi) = Columns(ow, g);
                for (var ki = 0; ki < g.Kh; ki++, row += run)
                {
                    var ih = oh * g.Stride - g.Padding + ki;
                    if ((uint)ih >= (uint)g.Height || lo >= hi) continue;
                    Add(row + lo * c, image + (nint)(ih * g.Width + iw0 + lo) * c, (hi - lo) * c);
                }
            }
    }

    /// <summary>The first input column iw0 = ow*S - P of output column ow, and the taps [lo, hi) that fall inside the image.</summary>
    private static (int Iw0, int Lo, int Hi) Columns(int ow, in ConvGeometry g)
    {
        var iw0 = ow * g.Stride - g.Padding;
        return (iw0, Math.Max(0, -iw0), Math.Min(g.Kw, g.Width - iw0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* src, float* dst, int count)
    {
        if (count >= 16) Unsafe.CopyBlockUnaligned(dst, src, (uint)count * sizeof(float));
        else for (var i = 0; i < count; i++) dst[i] = src[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Clear(float* dst, int count)
    {
        if (count >= 16) Unsafe.InitBlockUnaligned(dst, 0, (uint)count * sizeof(float));
        else for (var i = 0; i < count; i++) dst[i] = 0f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float* src, float* dst, int count)
    {
        if (count >= 16)
        {
            var d = new Span<float>(dst, count);
            TensorPrimitives.Add(d, new ReadOnlySpan<float>(src, count), d);
        }
        else for (var i = 0; i < count; i++) dst[i] += src[i];
    }
}
