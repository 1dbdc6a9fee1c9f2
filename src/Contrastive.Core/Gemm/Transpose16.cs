using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Contrastive.Gemm;

/// <summary>
/// AVX-512 16 x 16 float transpose in registers (64 shuffles for 256 elements), the fast path of packing whenever
/// the packed layout runs across the source's contiguous direction.
/// </summary>
internal static unsafe class Transpose16
{
    /// <summary>True when the AVX-512 path may be used.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>
    /// Reads rows r &lt; <paramref name="rows"/> of <paramref name="cols"/> &lt;= 16 floats at src + r * srcStride (masked,
    /// so nothing past them is touched; missing rows and columns count as zero) and writes column q &lt; cols as 16
    /// floats at dst + q * dstStride in ascending q, so a dstStride below 16 works when later writes may overwrite
    /// the tail of earlier ones and 16 floats of slack follow the last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block(float* src, nint srcStride, int rows, float* dst, nint dstStride, int cols = 16)
    {
        var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(cols)).AsSingle();
        var r0 = Row(src, cols, mask);
        var r1 = 1 < rows ? Row(src + 1 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r2 = 2 < rows ? Row(src + 2 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r3 = 3 < rows ? Row(src + 3 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r4 = 4 < rows ? Row(src + 4 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r5 = 5 < rows ? Row(src + 5 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r6 = 6 < rows ? Row(src + 6 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r7 = 7 < rows ? Row(src + 7 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r8 = 8 < rows ? Row(src + 8 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r9 = 9 < rows ? Row(src + 9 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r10 = 10 < rows ? Row(src + 10 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r11 = 11 < rows ? Row(src + 11 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r12 = 12 < rows ? Row(src + 12 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r13 = 13 < rows ? Row(src + 13 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r14 = 14 < rows ? Row(src + 14 * srcStride, cols, mask) : Vector512<float>.Zero;
        var r15 = 15 < rows ? Row(src + 15 * srcStride, cols, mask) : Vector512<float>.Zero;
        // Stage 1 interleaves row pairs (32-bit), stage 2 row quads (64-bit): lane L of u[4q + j] then holds
        // column 4L + j of rows 4q..4q+3.
        var t0 = Avx512F.UnpackLow(r0, r1).AsDouble();
        var t1 = Avx512F.UnpackHigh(r0, r1).AsDouble();
        var t2 = Avx512F.UnpackLow(r2, r3).AsDouble();
        var t3 = Avx512F.UnpackHigh(r2, r3).AsDouble();
        var u0 = Avx512F.UnpackLow(t0, t2).AsSingle();
        var u1 = Avx512F.UnpackHigh(t0, t2).AsSingle();
        var u2 = Avx512F.UnpackLow(t1, t3).AsSingle();
        var u3 = Avx512F.UnpackHigh(t1, t3).AsSingle();
        var t4 = Avx512F.UnpackLow(r4, r5).AsDouble();
        var t5 = Avx512F.UnpackHigh(r4, r5).AsDouble();
        var t6 = Avx512F.UnpackLow(r6, r7).AsDouble();
        var t7 = Avx512F.UnpackHigh(r6, r7).AsDouble();
        var u4 = Avx512F.UnpackLow(t4, t6).AsSingle();
        var u5 = Avx512F.UnpackHigh(t4, t6).AsSingle();
        var u6 = Avx512F.UnpackLow(t5, t7).AsSingle();
        var u7 = Avx512F.UnpackHigh(t5, t7).AsSingle();
        var t8 = Avx512F.UnpackLow(r8, r9).AsDouble();
        var t9 = Avx512F.UnpackHigh(r8, r9).AsDouble();
        var t10 = Avx512F.UnpackLow(r10, r11).AsDouble();
        var t11 = Avx512F.UnpackHigh(r10, r11).AsDouble();
        var u8 = Avx512F.UnpackLow(t8, t10).AsSingle();
        var u9 = Avx512F.UnpackHigh(t8, t10).AsSingle();
        var u10 = Avx512F.UnpackLow(t9, t11).AsSingle();
        var u11 = Avx512F.UnpackHigh(t9, t11).AsSingle();
        var t12 = Avx512F.UnpackLow(r12, r13).AsDouble();
        var t13 = Avx512F.UnpackHigh(r12, r13).AsDouble();
        var t14 = Avx512F.UnpackLow(r14, r15).AsDouble();
        var t15 = Avx512F.UnpackHigh(r14, r15).AsDouble();
        var u12 = Avx512F.UnpackLow(t12, t14).AsSingle();
        var u13 = Avx512F.UnpackHigh(t12, t14).AsSingle();
        var u14 = Avx512F.UnpackLow(t13, t15).AsSingle();
        var u15 = Avx512F.UnpackHigh(t13, t15).AsSingle();
        // Stage 3 pairs 128-bit lanes (0, 2) and (1, 3) of rows 0-7 and 8-15; stage 4 yields columns j, j+4, j+8, j+12.
        var v0a = Avx512F.Shuffle4x128(u0, u4, 0x88);
        var v0b = Avx512F.Shuffle4x128(u0, u4, 0xDD);
        var v0c = Avx512F.Shuffle4x128(u8, u12, 0x88);
        var v0d = Avx512F.Shuffle4x128(u8, u12, 0xDD);
        var v1a = Avx512F.Shuffle4x128(u1, u5, 0x88);
        var v1b = Avx512F.Shuffle4x128(u1, u5, 0xDD);
        var v1c = Avx512F.Shuffle4x128(u9, u13, 0x88);
        var v1d = Avx512F.Shuffle4x128(u9, u13, 0xDD);
        var v2a = Avx512F.Shuffle4x128(u2, u6, 0x88);
        var v2b = Avx512F.Shuffle4x128(u2, u6, 0xDD);
        var v2c = Avx512F.Shuffle4x128(u10, u14, 0x88);
        var v2d = Avx512F.Shuffle4x128(u10, u14, 0xDD);
        var v3a = Avx512F.Shuffle4x128(u3, u7, 0x88);
        var v3b = Avx512F.Shuffle4x128(u3, u7, 0xDD);
        var v3c = Avx512F.Shuffle4x128(u11, u15, 0x88);
        var v3d = Avx512F.Shuffle4x128(u11, u15, 0xDD);
        Avx512F.Shuffle4x128(v0a, v0c, 0x88).Store(dst);
        if (1 < cols) Avx512F.Shuffle4x128(v1a, v1c, 0x88).Store(dst + 1 * dstStride);
        if (2 < cols) Avx512F.Shuffle4x128(v2a, v2c, 0x88).Store(dst + 2 * dstStride);
        if (3 < cols) Avx512F.Shuffle4x128(v3a, v3c, 0x88).Store(dst + 3 * dstStride);
        if (4 < cols) Avx512F.Shuffle4x128(v0b, v0d, 0x88).Store(dst + 4 * dstStride);
        if (5 < cols) Avx512F.Shuffle4x128(v1b, v1d, 0x88).Store(dst + 5 * dstStride);
        if (6 < cols) Avx512F.Shuffle4x128(v2b, v2d, 0x88).Store(dst + 6 * dstStride);
        if (7 < cols) Avx512F.Shuffle4x128(v3b, v3d, 0x88).Store(dst + 7 * dstStride);
        if (8 < cols) Avx512F.Shuffle4x128(v0a, v0c, 0xDD).Store(dst + 8 * dstStride);
        if (9 < cols) Avx512F.Shuffle4x128(v1a, v1c, 0xDD).Store(dst + 9 * dstStride);
        if (10 < cols) Avx512F.Shuffle4x128(v2a, v2c, 0xDD).Store(dst + 10 * dstStride);
        if (11 < cols) Avx512F.Shuffle4x128(v3a, v3c, 0xDD).Store(dst + 11 * dstStride);
        if (12 < cols) Avx512F.Shuffle4x128(v0b, v0d, 0xDD).Store(dst + 12 * dstStride);
        if (13 < cols) Avx512F.Shuffle4x128(v1b, v1d, 0xDD).Store(dst + 13 * dstStride);
        if (14 < cols) Avx512F.Shuffle4x128(v2b, v2d, 0xDD).Store(dst + 14 * dstStride);
        if (15 < cols) Avx512F.Shuffle4x128(v3b, v3d, 0xDD).Store(dst + 15 * dstStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Row(float* src, int cols, Vector512<float> mask) =>
        cols == 16 ? Vector512.Load(src) : Avx512F.MaskLoad(src, mask, Vector512<float>.Zero);
}
