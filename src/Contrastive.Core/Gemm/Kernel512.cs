using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Contrastive.Gemm;

/// <summary>
/// The AVX-512 micro-kernel: a 14 x 32 tile of C in 28 zmm accumulators, one FMA per (row, vector) per k.
/// </summary>
internal static unsafe class Kernel512
{
    /// <summary>Rows of the register tile (broadcast from the packed A panel).</summary>
    public const int MR = 14;
    /// <summary>Columns of the register tile (2 vectors of 16 floats from the packed B panel).</summary>
    public const int NR = 32;

    /// <summary>
    /// C[0..MR, 0..NR] = alpha * sum_p a[p*MR + i] * b[p*NR + j] + beta * C, row stride <paramref name="ldc"/>;
    /// beta = 0 never reads C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        var c00 = Vector512<float>.Zero; var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero; var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero; var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero; var c31 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero; var c41 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero; var c51 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero; var c61 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero; var c71 = Vector512<float>.Zero;
        var c80 = Vector512<float>.Zero; var c81 = Vector512<float>.Zero;
        var c90 = Vector512<float>.Zero; var c91 = Vector512<float>.Zero;
        var c100 = Vector512<float>.Zero; var c101 = Vector512<float>.Zero;
        var c110 = Vector512<float>.Zero; var c111 = Vector512<float>.Zero;
        var c120 = Vector512<float>.Zero; var c121 = Vector512<float>.Zero;
        var c130 = Vector512<float>.Zero; var c131 = Vector512<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            var a8 = Vector512.Create(a[8]);
            c80 = Vector512.FusedMultiplyAdd(a8, b0, c80); c81 = Vector512.FusedMultiplyAdd(a8, b1, c81);
            var a9 = Vector512.Create(a[9]);
            c90 = Vector512.FusedMultiplyAdd(a9, b0, c90); c91 = Vector512.FusedMultiplyAdd(a9, b1, c91);
            var a10 = Vector512.Create(a[10]);
            c100 = Vector512.FusedMultiplyAdd(a10, b0, c100); c101 = Vector512.FusedMultiplyAdd(a10, b1, c101);
            var a11 = Vector512.Create(a[11]);
            c110 = Vector512.FusedMultiplyAdd(a11, b0, c110); c111 = Vector512.FusedMultiplyAdd(a11, b1, c111);
            var a12 = Vector512.Create(a[12]);
            c120 = Vector512.FusedMultiplyAdd(a12, b0, c120); c121 = Vector512.FusedMultiplyAdd(a12, b1, c121);
            var a13 = Vector512.Create(a[13]);
            c130 = Vector512.FusedMultiplyAdd(a13, b0, c130); c131 = Vector512.FusedMultiplyAdd(a13, b1, c131);
            a += MR;
            b += NR;
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        var accumulate = beta != 0f;
        Store(c, c00, va, vb, accumulate); Store(c + 16, c01, va, vb, accumulate); c += ldc;
        Store(c, c10, va, vb, accumulate); Store(c + 16, c11, va, vb, accumulate); c += ldc;
        Store(c, c20, va, vb, accumulate); Store(c + 16, c21, va, vb, accumulate); c += ldc;
        Store(c, c30, va, vb, accumulate); Store(c + 16, c31, va, vb, accumulate); c += ldc;
        Store(c, c40, va, vb, accumulate); Store(c + 16, c41, va, vb, accumulate); c += ldc;
        Store(c, c50, va, vb, accumulate); Store(c + 16, c51, va, vb, accumulate); c += ldc;
        Store(c, c60, va, vb, accumulate); Store(c + 16, c61, va, vb, accumulate); c += ldc;
        Store(c, c70, va, vb, accumulate); Store(c + 16, c71, va, vb, accumulate); c += ldc;
        Store(c, c80, va, vb, accumulate); Store(c + 16, c81, va, vb, accumulate); c += ldc;
        Store(c, c90, va, vb, accumulate); Store(c + 16, c91, va, vb, accumulate); c += ldc;
        Store(c, c100, va, vb, accumulate); Store(c + 16, c101, va, vb, accumulate); c += ldc;
        Store(c, c110, va, vb, accumulate); Store(c + 16, c111, va, vb, accumulate); c += ldc;
        Store(c, c120, va, vb, accumulate); Store(c + 16, c121, va, vb, accumulate); c += ldc;
        Store(c, c130, va, vb, accumulate); Store(c + 16, c131, va, vb, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> acc, Vector512<float> alpha, Vector512<float> beta, bool accumulate)
    {
        var r = acc * alpha;
        if (accumulate) r = Vector512.FusedMultiplyAdd(beta, Vector512.Load(c), r);
        r.Store(c);
    }
}
