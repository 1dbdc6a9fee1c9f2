using System.Runtime.CompilerServices;

namespace Contrastive.Data.Augmentations;

/// <summary>Bilinear resampling kernels shared by the geometric transforms.</summary>
internal static class Bilinear
{
    /// <summary>
    /// Resizes the window (top, left, height, width) of every channel of <paramref name="src"/> to
    /// <paramref name="outH"/> x <paramref name="outW"/>, as PyTorch's
    /// <c>F.interpolate(mode="bilinear", align_corners=False, antialias=False)</c>:
    /// source coordinate s = (d + 0.5) * in / out - 0.5, clamped at 0; neighbours s0 = floor(s) and
    /// min(s0 + 1, in - 1); weight s - s0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ResizeWindow(ReadOnlySpan<float> src, ImageGeometry g, int top, int left, int height, int width,
        Span<float> dst, int outH, int outW, AugmentationScratch scratch)
    {
        using var frame = scratch.Frame();
        var x0 = frame.Ints(outW);
        var x1 = frame.Ints(outW);
        var lx = frame.Floats(outW);
        var y0 = frame.Ints(outH);
        var y1 = frame.Ints(outH);
        var ly = frame.Floats(outH);
        Axis(width, outW, left, x0, x1, lx);
        Axis(height, outH, top, y0, y1, ly);
        for (var c = 0; c < g.Channels; c++)
        {
            var plane = src.Slice(c * g.Plane, g.Plane);
            var outPlane = dst.Slice(c * outH * outW, outH * outW);
            for (var y = 0; y < outH; y++)
            {
                var r0 = plane.Slice(y0[y] * g.Width, g.Width);
                var r1 = plane.Slice(y1[y] * g.Width, g.Width);
                var wy = ly[y];
                var row = outPlane.Slice(y * outW, outW);
                for (var x = 0; x < outW; x++)
                {
                    int a = x0[x], b = x1[x];
                    var wx = lx[x];
                    var top0 = r0[a] + wx * (r0[b] - r0[a]);
                    var bottom = r1[a] + wx * (r1[b] - r1[a]);
                    row[x] = top0 + wy * (bottom - top0);
                }
            }
        }
    }

    /// <summary>
    /// Samples <paramref name="plane"/> (h x w) at (x, y) in pixel coordinates, with zeros outside the image
    /// (as <c>grid_sample(padding_mode="zeros")</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SampleZeroPadded(ReadOnlySpan<float> plane, int h, int w, float x, float y)
    {
        var fx = MathF.Floor(x);
        var fy = MathF.Floor(y);
        int ix = (int)fx, iy = (int)fy;
        float wx = x - fx, wy = y - fy;
        return (1 - wy) * ((1 - wx) * At(plane, h, w, ix, iy) + wx * At(plane, h, w, ix + 1, iy))
             + wy * ((1 - wx) * At(plane, h, w, ix, iy + 1) + wx * At(plane, h, w, ix + 1, iy + 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float At(ReadOnlySpan<float> plane, int h, int w, int x, int y) =>
        (uint)x < (uint)w && (uint)y < (uint)h ? plane[y * w + x] : 0f;

    private static void Axis(int inSize, int outSize, int offset, Span<int> i0, Span<int> i1, Span<float> lambda)
    {
        var scale = (float)inSize / outSize;
        for (var d = 0; d < outSize; d++)
        {
            var s = Math.Max(0f, (d + 0.5f) * scale - 0.5f);
            var f = (int)s;
            i0[d] = offset + f;
            i1[d] = offset + (f < inSize - 1 ? f + 1 : f);
            lambda[d] = s - f;
        }
    }
}
