using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Contrastive.Gemm;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panel layout the micro-kernels read, so every
/// kernel sees one layout whatever the transposes and leading dimensions. Partial panels are zero-padded.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs the mc x kc block of op(A) starting at <paramref name="a"/> into ceil(mc / mr) panels;
    /// panel r holds dst[r*mr*kc + p*mr + i] = op(A)(r*mr + i, p).
    /// </summary>
    public static void PackA(float* a, nint lda, bool trans, int mc, int kc, int mr, float* dst)
    {
        if (trans)
        {
            Interleave(a, lda, mc, kc, mr, dst);
            return;
        }
        for (var ir = 0; ir < mc; ir += mr, dst += (nint)mr * kc)
            Transpose(a + ir * lda, lda, Math.Min(mr, mc - ir), kc, mr, dst);
    }

    /// <summary>
    /// Packs the kc x nc block of op(B) starting at <paramref name="b"/> into ceil(nc / nr) panels;
    /// panel s holds dst[s*nr*kc + p*nr + j] = op(B)(p, s*nr + j).
    /// </summary>
    public static void PackB(float* b, nint ldb, bool trans, int kc, int nc, int nr, float* dst)
    {
        if (!trans)
        {
            Interleave(b, ldb, nc, kc, nr, dst);
            return;
        }
        for (var jr = 0; jr < nc; jr += nr, dst += (nint)nr * kc)
            Transpose(b + jr * ldb, ldb, Math.Min(nr, nc - jr), kc, nr, dst);
    }

    /// <summary>
    /// Source rows p &lt; kc hold <paramref name="total"/> contiguous floats at src + p * ld: each row is read once, in
    /// order, and dealt out to the panels: dst[(t / width) * width * kc + p * width + t % width] = src[p * ld + t],
    /// the last panel zero-padded to <paramref name="width"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave(float* src, nint ld, int total, int kc, int width, float* dst)
    {
        var panelStride = (nint)width * kc;
        for (var p = 0; p < kc; p++, src += ld, dst += width)
        {
            var d = dst;
            for (var t0 = 0; t0 < total; t0 += width, d += panelStride)
                CopyPadded(src + t0, Math.Min(width, total - t0), width, d);
        }
    }

    /// <summary>d[0..width) = s[0..count) followed by zeros; with AVX-512 in 16-float chunks, ragged ones masked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPadded(float* s, int count, int width, float* d)
    {
        if (Transpose16.IsSupported)
        {
            for (var t = 0; t < width; t += 16)
            {
                var left = count - t;
                var v = left >= 16 ? Vector512.Load(s + t)
                    : left > 0 ? Avx512F.MaskLoad(s + t, FirstLanes(left), Vector512<float>.Zero)
                    : Vector512<float>.Zero;
                if (width - t >= 16) v.Store(d + t);
                else Avx512F.MaskStore(d + t, FirstLanes(width - t), v);
            }
            return;
        }
        Unsafe.CopyBlockUnaligned(d, s, (uint)(count * sizeof(float)));
        for (var t = count; t < width; t++) d[t] = 0f;
    }

    /// <summary>
    /// dst[p*width + t] = src[t*ld + p] for t &lt; count (zero for count &lt;= t &lt; width), p &lt; kc: the panel runs across
    /// the source's rows, so with AVX-512 it goes through 16 x 16 register transposes, which may write up to
    /// 16 - width zeros past the panel (buffers keep 16 floats of slack).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* src, nint ld, int count, int kc, int width, float* dst)
    {
        if (Transpose16.IsSupported && (width <= 16 || width % 16 == 0))
        {
            // Blocks of 16 p by 16 t; a narrower panel takes 16-wide stores whose tails the next store overwrites.
            var p0 = kc / 16 * 16;
            for (var t0 = 0; t0 < Math.Min(width, count); t0 += 16)
            {
                var rows = Math.Min(16, count - t0);
                for (var p = 0; p < p0; p += 16)
                    Transpose16.Block(src + t0 * ld + p, ld, rows, dst + (nint)p * width + t0, width);
                if (p0 < kc)
                    Transpose16.Block(src + t0 * ld + p0, ld, rows, dst + (nint)p0 * width + t0, width, kc - p0);
            }
        }
        else
        {
            for (var t = 0; t < count; t++)
            {
                var s = src + t * ld;
                var d = dst + t;
                for (var p = 0; p < kc; p++) d[(nint)p * width] = s[p];
            }
        }
        for (var t = count; t < width; t++)
            for (var p = 0; p < kc; p++) dst[(nint)p * width + t] = 0f;
    }

    private static Vector512<float> FirstLanes(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
}
