namespace Contrastive.Gemm;

/// <summary>The micro-kernel families, widest first.</summary>
internal enum KernelTier
{
    /// <summary><see cref="Kernel512"/>: 14 x 32, AVX-512 FMA.</summary>
    Vector512,

    /// <summary><see cref="Kernel256"/>: 6 x 16, AVX2 FMA.</summary>
    Vector256,

    /// <summary><see cref="Kernel128"/>: 4 x 8, any hardware (software-emulated without intrinsics).</summary>
    Vector128,
}
