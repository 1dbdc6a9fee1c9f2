using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Contrastive.Gemm;

/// <summary>
/// The portable micro-kernel: a 4 x 8 tile of C in 8 Vector128 accumulators with multiply-add that fuses
/// only where the hardware has FMA; correct (if slow) even with hardware intrinsics disabled.
/// </summary>
internal static unsafe class Kernel128
{
    /// <summary>Rows of the register tile (broadcast from the packed A panel).</summary>
    public const int MR = 4;
    /// <summary>Columns of the register tile (2 vectors of 4 floats from the packed B panel).</summary>
    public const int NR = 8;

    /// <summary>
    /// C[0..MR, 0..NR] = alpha * sum_p a[p*MR + i] * b[p*NR + j] + beta * C, row stride <paramref name="ldc"/>;
    /// beta = 0 never reads C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        var c00 = Vector128<float>.Zero; var c01 = Vector128<float>.Zero;
        var c10 = Vector128<float>.Zero; var c11 = Vector128<float>.Zero;
        var c20 = Vector128<float>.Zero; var c21 = Vector128<float>.Zero;
        var c30 = Vector128<float>.Zero; var c31 = Vector128<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b);
            var b1 = Vector128.Load(b + 4);
            var a0 = Vector128.Create(a[0]);
            c00 = Vector128.MultiplyAddEstimate(a0, b0, c00); c01 = Vector128.MultiplyAddEstimate(a0, b1, c01);
            var a1 = Vector128.Create(a[1]);
            c10 = Vector128.MultiplyAddEstimate(a1, b0, c10); c11 = Vector128.MultiplyAddEstimate(a1, b1, c11);
            var a2 = Vector128.Create(a[2]);
            c20 = Vector128.MultiplyAddEstimate(a2, b0, c20); c21 = Vector128.MultiplyAddEstimate(a2, b1, c21);
            var a3 = Vector128.Create(a[3]);
            c30 = Vector128.MultiplyAddEstimate(a3, b0, c30); c31 = Vector128.MultiplyAddEstimate(a3, b1, c31);
            a += MR;
            b += NR;
        }
        var va = Vector128.Create(alpha);
        var vb = Vector128.Create(beta);
        var accumulate = beta != 0f;
        Store(c, c00, va, vb, accumulate); Store(c + 4, c01, va, vb, accumulate); c += ldc;
        Store(c, c10, va, vb, accumulate); Store(c + 4, c11, va, vb, accumulate); c += ldc;
        Store(c, c20, va, vb, accumulate); Store(c + 4, c21, va, vb, accumulate); c += ldc;
        Store(c, c30, va, vb, accumulate); Store(c + 4, c31, va, vb, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector128<float> acc, Vector128<float> alpha, Vector128<float> beta, bool accumulate)
    {
        var r = acc * alpha;
        if (accumulate) r = Vector128.MultiplyAddEstimate(beta, Vector128.Load(c), r);
        r.Store(c);
    }
}
