using System.Runtime.CompilerServices;

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
        for (var ir = 0; ir < mc; ir += mr, dst += (nint)mr * kc)
        {
            var rows = Math.Min(mr, mc - ir);
            if (trans)
                Gather(a + ir, lda, 1, rows, kc, mr, dst);
            else
                Gather(a + ir * lda, 1, lda, rows, kc, mr, dst);
        }
    }

    /// <summary>
    /// Packs the kc x nc block of op(B) starting at <paramref name="b"/> into ceil(nc / nr) panels;
    /// panel s holds dst[s*nr*kc + p*nr + j] = op(B)(p, s*nr + j).
    /// </summary>
    public static void PackB(float* b, nint ldb, bool trans, int kc, int nc, int nr, float* dst)
    {
        for (var jr = 0; jr < nc; jr += nr, dst += (nint)nr * kc)
        {
            var cols = Math.Min(nr, nc - jr);
            if (trans)
                Gather(b + jr * ldb, 1, ldb, cols, kc, nr, dst);
            else
                Gather(b + jr, ldb, 1, cols, kc, nr, dst);
        }
    }

    /// <summary>
    /// dst[p*width + t] = src[p*stepP + t*stepT] for t &lt; count, zero for count &lt;= t &lt; width, p &lt; kc.
    /// The loop order follows whichever index is contiguous in the source (one of the steps is 1); the transposing
    /// direction may write up to 16 - width zeros past the block, so buffers keep 16 floats of slack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(float* src, nint stepP, nint stepT, int count, int kc, int width, float* dst)
    {
        if (stepT == 1)
        {
            var bytes = (uint)(count * sizeof(float));
            for (var p = 0; p < kc; p++)
            {
                var d = dst + (nint)p * width;
                Unsafe.CopyBlockUnaligned(d, src + p * stepP, bytes);
                for (var t = count; t < width; t++) d[t] = 0f;
            }
            return;
        }
        if (Transpose16.IsSupported && (width <= 16 || width % 16 == 0))
        {
            // Blocks of 16 p by 16 t through registers; a 14-wide panel takes 16-wide stores whose tails the next
            // store (or the next panel) overwrites.
            var p0 = kc / 16 * 16;
            for (var t0 = 0; t0 < Math.Min(width, count); t0 += 16)
            {
                var rows = Math.Min(16, count - t0);
                for (var p = 0; p < p0; p += 16)
                    Transpose16.Block(src + t0 * stepT + p, stepT, rows, dst + (nint)p * width + t0, width);
                if (p0 < kc)
                    Transpose16.Block(src + t0 * stepT + p0, stepT, rows, dst + (nint)p0 * width + t0, width, kc - p0);
            }
        }
        else
        {
            for (var t = 0; t < count; t++)
            {
                var s = src + t * stepT;
                var d = dst + t;
                for (var p = 0; p < kc; p++) d[(nint)p * width] = s[p];
            }
        }
        for (var t = count; t < width; t++)
            for (var p = 0; p < kc; p++) dst[(nint)p * width + t] = 0f;
    }
}
