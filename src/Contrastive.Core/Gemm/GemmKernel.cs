using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Contrastive.Gemm;

/// <summary>One micro-kernel family: its register-tile shape and its entry point.</summary>
internal readonly unsafe struct GemmKernel
{
    private GemmKernel(KernelTier tier, int mr, int nr)
    {
        Tier = tier;
        MR = mr;
        NR = nr;
    }

    /// <summary>The family.</summary>
    public KernelTier Tier { get; }

    /// <summary>Rows of the register tile.</summary>
    public int MR { get; }

    /// <summary>Columns of the register tile.</summary>
    public int NR { get; }

    /// <summary>The widest family this process accelerates (honours DOTNET_PreferredVectorBitWidth and friends).</summary>
    public static GemmKernel Best { get; } = For(
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? KernelTier.Vector512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? KernelTier.Vector256
        : KernelTier.Vector128);

    /// <summary>The family <paramref name="tier"/> (tests use this to run every family on one machine).</summary>
    public static GemmKernel For(KernelTier tier) => tier switch
    {
        KernelTier.Vector512 => new(tier, Kernel512.MR, Kernel512.NR),
        KernelTier.Vector256 => new(tier, Kernel256.MR, Kernel256.NR),
        _ => new(KernelTier.Vector128, Kernel128.MR, Kernel128.NR),
    };

    /// <summary>C[0..MR, 0..NR] = alpha * (packed A panel) * (packed B panel) + beta * C; beta = 0 never reads C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        switch (Tier)
        {
            case KernelTier.Vector512: Kernel512.Run(kc, a, b, c, ldc, alpha, beta); break;
            case KernelTier.Vector256: Kernel256.Run(kc, a, b, c, ldc, alpha, beta); break;
            default: Kernel128.Run(kc, a, b, c, ldc, alpha, beta); break;
        }
    }
}
