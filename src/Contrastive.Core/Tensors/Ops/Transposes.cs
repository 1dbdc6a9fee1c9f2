using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Contrastive.Gemm;

namespace Contrastive.Tensors;

/// <summary>
/// Out-of-place 2-D transposes between channel-first (C, positions) and channel-last (positions, C) layouts,
/// 16 x 16 tiles through AVX-512 registers (<see cref="Transpose16"/>) with a scalar fallback.
/// </summary>
internal static unsafe class Transposes
{
    private const int Tile = 16;

    /// <summary>
    /// dst[c * ldd + r] = src[r * lds + c] (or += with <paramref name="accumulate"/>) for r &lt; <paramref name="rows"/>,
    /// c &lt; <paramref name="cols"/>; nothing outside that block of dst is written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* src, int rows, int cols, nint lds, float* dst, nint ldd, bool accumulate = false)
    {
        if (!Transpose16.IsSupported)
        {
            Scalar(src, rows, cols, lds, dst, ldd, accumulate);
            return;
        }
        var tile = stackalloc float[Tile * Tile];
        for (var r0 = 0; r0 < rows; r0 += Tile)
        {
            var tr = Math.Min(Tile, rows - r0);
            for (var c0 = 0; c0 < cols; c0 += Tile)
            {
                var tc = Math.Min(Tile, cols - c0);
                float* s = src + r0 * lds + c0, d = dst + c0 * ldd + r0;
                if (tr == Tile && tc == Tile && !accumulate)
                {
                    Transpose16.Block(s, lds, Tile, d, ldd);
                    continue;
                }
                // Block writes column q as 16 floats at tile + 16 q (zeros past the tr valid rows).
                Transpose16.Block(s, lds, tr, tile, Tile, tc);
                if (tr == Tile)
                {
                    for (var q = 0; q < tc; q++)
                    {
                        var v = Vector512.Load(tile + q * Tile);
                        var at = d + q * ldd;
                        (accumulate ? Vector512.Load(at) + v : v).Store(at);
                    }
                    continue;
                }
                for (var q = 0; q < tc; q++)
                {
                    float* t = tile + q * Tile, at = d + q * ldd;
                    for (var r = 0; r < tr; r++) at[r] = accumulate ? at[r] + t[r] : t[r];
                }
            }
        }
    }

    private static void Scalar(float* src, int rows, int cols, nint lds, float* dst, nint ldd, bool accumulate)
    {
        for (var r0 = 0; r0 < rows; r0 += Tile)
            for (var c0 = 0; c0 < cols; c0 += Tile)
                for (var r = r0; r < Math.Min(rows, r0 + Tile); r++)
                    for (var c = c0; c < Math.Min(cols, c0 + Tile); c++)
                    {
                        var at = dst + c * ldd + r;
                        *at = accumulate ? *at + src[r * lds + c] : src[r * lds + c];
                    }
    }
}
