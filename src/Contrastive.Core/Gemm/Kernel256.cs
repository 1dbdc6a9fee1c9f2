using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Contrastive.Gemm;

/// <summary>
/// The AVX2 micro-kernel: a 6 x 16 tile of C in 12 ymm accumulators (16 registers in all), FMA per k.
/// </summary>
internal static unsafe class Kernel256
{
    /// <summary>Rows of the register tile (broadcast from the packed A panel).</summary>
    public const int MR = 6;
    /// <summary>Columns of the register tile (2 vectors of 8 floats from the packed B panel).</summary>
    public const int NR = 16;

    /// <summary>
    /// C[0..MR, 0..NR] = alpha * sum_p a[p*MR + i] * b[p*NR + j] + beta * C, row stride <paramref name="ldc"/>;
    /// beta = 0 never reads C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        var c00 = Vector256<float>.Zero; var c01 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero; var c11 = Vector256<float>.Zero;
        var c20 = Vector256<float>.Zero; var c21 = Vector256<float>.Zero;
        var c30 = Vector256<float>.Zero; var c31 = Vector256<float>.Zero;
        var c40 = Vector256<float>.Zero; var c41 = Vector256<float>.Zero;
        var c50 = Vector256<float>.Zero; var c51 = Vector256<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00); c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10); c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20); c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30); c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40); c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50); c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += MR;
            b += NR;
        }
        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(beta);
        var accumulate = beta != 0f;
        Store(c, c00, va, vb, accumulate); Store(c + 8, c01, va, vb, accumulate); c += ldc;
        Store(c, c10, va, vb, accumulate); Store(c + 8, c11, va, vb, accumulate); c += ldc;
        Store(c, c20, va, vb, accumulate); Store(c + 8, c21, va, vb, accumulate); c += ldc;
        Store(c, c30, va, vb, accumulate); Store(c + 8, c31, va, vb, accumulate); c += ldc;
        Store(c, c40, va, vb, accumulate); Store(c + 8, c41, va, vb, accumulate); c += ldc;
        Store(c, c50, va, vb, accumulate); Store(c + 8, c51, va, vb, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> acc, Vector256<float> alpha, Vector256<float> beta, bool accumulate)
    {
        var r = acc * alpha;
        if (accumulate) r = Vector256.FusedMultiplyAdd(beta, Vector256.Load(c), r);
        r.Store(c);
    }
}
