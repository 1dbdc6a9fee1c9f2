using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Contrastive.Tensors;

/// <summary>
/// Direct stride-1 convolution for layers with few taps (C*kh*kw &lt;= <see cref="MaxTaps"/>, typically the first
/// layer of an image network), where an im2row GEMM would have a tiny inner dimension and be dominated by moving
/// data. Each image is zero-padded once; then for 16 output columns at a time the taps are loaded as shifted
/// vectors of the padded planes and every filter is a short FMA chain over them, stored straight into NCHW.
/// </summary>
internal static unsafe class DirectConv
{
    /// <summary>The most taps a layer may have to take this path.</summary>
    public const int MaxTaps = 32;

    private const int Lanes = 16;

    /// <summary>True when the path applies: AVX-512, stride 1, few taps, output rows of at least one vector.</summary>
    public static bool Applies(in ConvGeometry g) =>
        Avx512F.IsSupported && g.Stride == 1 && g.Taps <= MaxTaps && g.OutW >= Lanes;

    /// <summary>y (N, O, OH, OW) = conv(x, w) with w (O, C, kh, kw); every element of y is written.</summary>
    public static void Forward(float[] x, float[] w, float[] y, int n, int o, ConvGeometry g) =>
        Parallelism.ForParts(n, Math.Min(n, Engine.Threads), (_, start, end) =>
        {
            var padded = ArrayPool<float>.Shared.Rent(PaddedFloats(g));
            var taps = stackalloc Vector512<float>[g.Taps];
            var offsets = stackalloc int[g.Taps];
            TapOffsets(g, offsets);
            int tapCount = g.Taps, outH = g.OutH, outW = g.OutW, positions = g.Positions, wp = PaddedWidth(g);
            fixed (float* xp = x, wv = w, yp = y, pad = padded)
                for (var i = start; i < end; i++)
                {
                    Pad(xp + (nint)i * g.ImageSize, pad, g);
                    for (var oh = 0; oh < outH; oh++)
                        for (var ow = 0; ow < outW; ow += Lanes)
                        {
                            var at = pad + oh * wp + ow;
                            for (var t = 0; t < tapCount; t++) taps[t] = Vector512.Load(at + offsets[t]);
                            var mask = Mask(outW - ow);
                            var dst = yp + (nint)i * o * positions + oh * outW + ow;
                            var f = 0;
                            // Four filters at a time: four independent FMA chains instead of one latency-bound chain.
                            for (; f + 4 <= o; f += 4, dst += 4 * positions)
                            {
                                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                                var wf = wv + f * tapCount;
                                for (var t = 0; t < tapCount; t++)
                                {
                                    var tap = taps[t];
                                    a0 = Avx512F.FusedMultiplyAdd(tap, Vector512.Create(wf[t]), a0);
                                    a1 = Avx512F.FusedMultiplyAdd(tap, Vector512.Create(wf[tapCount + t]), a1);
                                    a2 = Avx512F.FusedMultiplyAdd(tap, Vector512.Create(wf[2 * tapCount + t]), a2);
                                    a3 = Avx512F.FusedMultiplyAdd(tap, Vector512.Create(wf[3 * tapCount + t]), a3);
                                }
                                Avx512F.MaskStore(dst, mask, a0);
                                Avx512F.MaskStore(dst + positions, mask, a1);
                                Avx512F.MaskStore(dst + 2 * positions, mask, a2);
                                Avx512F.MaskStore(dst + 3 * positions, mask, a3);
                            }
                            for (; f < o; f++, dst += positions)
                            {
                                var acc = Vector512<float>.Zero;
                                var wf = wv + f * tapCount;
                                for (var t = 0; t < tapCount; t++) acc = Avx512F.FusedMultiplyAdd(taps[t], Vector512.Create(wf[t]), acc);
                                Avx512F.MaskStore(dst, mask, acc);
                            }
                        }
                }
            ArrayPool<float>.Shared.Return(padded);
        });

    /// <summary>
    /// grad_w (O, C, kh, kw) += sum over images and positions of grad_y[o, p] * tap_t(x)[p]: per thread, then summed
    /// over threads in order.
    /// </summary>
    public static void AddWeightGrad(float[] grad, float[] x, float[] gradWeight, int n, int o, ConvGeometry g)
    {
        var parts = Math.Min(n, Engine.Threads);
        var partials = new float[parts][];
        Parallelism.ForParts(n, parts, (part, start, end) =>
        {
            var padded = ArrayPool<float>.Shared.Rent(PaddedFloats(g));
            var partial = partials[part] = new float[o * g.Taps];
            var offsets = stackalloc int[g.Taps];
            TapOffsets(g, offsets);
            int tapCount = g.Taps, outH = g.OutH, outW = g.OutW, positions = g.Positions, wp = PaddedWidth(g);
            fixed (float* xp = x, gp = grad, pad = padded, sums = partial)
                for (var i = start; i < end; i++)
                {
                    Pad(xp + (nint)i * g.ImageSize, pad, g);
                    for (var f = 0; f < o; f++)
                    {
                        var gf = gp + ((nint)i * o + f) * positions;
                        // Four taps at a time: one gradient load feeds four independent accumulators held in registers.
                        for (var t = 0; t < tapCount; t += 4)
                        {
                            float* p0 = pad + offsets[t], p1 = pad + offsets[Math.Min(t + 1, tapCount - 1)];
                            float* p2 = pad + offsets[Math.Min(t + 2, tapCount - 1)], p3 = pad + offsets[Math.Min(t + 3, tapCount - 1)];
                            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                            for (var oh = 0; oh < outH; oh++)
                                for (var ow = 0; ow < outW; ow += Lanes)
                                {
                                    // Lanes past the row end load as zero (fault-free masked load), so they add nothing.
                                    var gv = Avx512F.MaskLoad(gf + oh * outW + ow, Mask(outW - ow), Vector512<float>.Zero);
                                    var at = oh * wp + ow;
                                    a0 = Avx512F.FusedMultiplyAdd(gv, Vector512.Load(p0 + at), a0);
                                    a1 = Avx512F.FusedMultiplyAdd(gv, Vector512.Load(p1 + at), a1);
                                    a2 = Avx512F.FusedMultiplyAdd(gv, Vector512.Load(p2 + at), a2);
                                    a3 = Avx512F.FusedMultiplyAdd(gv, Vector512.Load(p3 + at), a3);
                                }
                            // Taps past the last (the clamped duplicates of a ragged final group) are dropped.
                            var row = sums + f * tapCount + t;
                            row[0] += Vector512.Sum(a0);
                            if (t + 1 < tapCount) row[1] += Vector512.Sum(a1);
                            if (t + 2 < tapCount) row[2] += Vector512.Sum(a2);
                            if (t + 3 < tapCount) row[3] += Vector512.Sum(a3);
                        }
                    }
                }
            ArrayPool<float>.Shared.Return(padded);
        });
        foreach (var partial in partials) System.Numerics.Tensors.TensorPrimitives.Add(gradWeight, partial, gradWeight);
    }

    /// <summary>C padded planes of (H + 2P) x (W + 2P), plus a vector of slack for the last row's masked lanes.</summary>
    private static int PaddedFloats(in ConvGeometry g) => g.Channels * PlaneFloats(g) + 2 * Lanes + g.Kw;

    private static int PaddedWidth(in ConvGeometry g) => g.Width + 2 * g.Padding;

    private static int PlaneFloats(in ConvGeometry g) => (g.Height + 2 * g.Padding) * PaddedWidth(g);

    /// <summary>Copies one (C, H, W) image into zero-bordered planes (the slack is zeroed too).</summary>
    private static void Pad(float* image, float* pad, in ConvGeometry g)
    {
        int wp = PaddedWidth(g), plane = PlaneFloats(g);
        new Span<float>(pad, PaddedFloats(g)).Clear();
        for (var c = 0; c < g.Channels; c++)
            for (var h = 0; h < g.Height; h++)
                new ReadOnlySpan<float>(image + (c * g.Height + h) * g.Width, g.Width)
                    .CopyTo(new Span<float>(pad + c * plane + (h + g.Padding) * wp + g.Padding, g.Width));
    }

    /// <summary>offsets[t] = where tap t = (c, ki, kj) starts in the padded planes relative to its output position.</summary>
    private static void TapOffsets(in ConvGeometry g, int* offsets)
    {
        int wp = PaddedWidth(g), plane = PlaneFloats(g), t = 0;
        for (var c = 0; c < g.Channels; c++)
            for (var ki = 0; ki < g.Kh; ki++)
                for (var kj = 0; kj < g.Kw; kj++) offsets[t++] = c * plane + ki * wp + kj;
    }

    /// <summary>All lanes below <paramref name="valid"/> (at most 16).</summary>
    private static Vector512<float> Mask(int valid) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(valid)).AsSingle();
}
