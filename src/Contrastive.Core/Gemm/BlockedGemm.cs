using System.Buffers;
using System.Runtime.CompilerServices;

namespace Contrastive.Gemm;

/// <summary>
/// The Goto/BLIS loop nest on one thread: for each NC-wide column block and kc-deep slice, op(B) is packed into
/// NR-column panels (kept in L2); for each MC-row block op(A) is packed into MR-row panels; every MR x NR tile
/// of C is then one micro-kernel call with the A panel in L1 and B panels streaming from L2.
/// Only the first K slice applies beta, later slices accumulate (beta = 1).
/// </summary>
internal static unsafe class BlockedGemm
{
    /// <summary>Largest depth of a packed slice along the shared dimension K (a 14 x KC A panel stays in L1).</summary>
    public const int KC = 384;

    /// <summary>Rows of op(A) packed at once, rounded down to a multiple of MR.</summary>
    public const int MC = 128;

    /// <summary>Floats of packed op(B) per block (1 MB, half of L2): NC = BlockFloats / kc columns.</summary>
    public const int BlockFloats = 1 << 18;

    // Pack buffers hold 16 floats of packer overhang plus up to 15 lost to 64-byte alignment.
    private const int Slack = 32;

    /// <summary>
    /// C[r0..r1, c0..c1] = alpha * op(A)[r0..r1, 0..k] * op(B)[0..k, c0..c1] + beta * C[r0..r1, c0..c1].
    /// </summary>
    public static void Run(in GemmOperands g, GemmKernel kernel, int k, int r0, int r1, int c0, int c1)
    {
        int mr = kernel.MR, nr = kernel.NR;
        // Equal K slices of at most KC (multiples of 16 suit the transposing packer); a kc x nc packed B block stays in L2.
        var kc = Math.Min(k, RoundUp(Ceil(k, Ceil(k, KC)), 16));
        int mc = Math.Max(mr, MC / mr * mr), nc = Math.Max(nr, BlockFloats / kc / nr * nr);
        var aSize = mc * kc + Slack;
        var bSize = Math.Min(nc, RoundUp(c1 - c0, nr)) * kc + Slack;
        var pool = ArrayPool<float>.Shared;
        float[] aBuffer = pool.Rent(aSize), bBuffer = pool.Rent(bSize);
        var tile = stackalloc float[mr * nr];
        try
        {
            fixed (float* aRaw = aBuffer, bRaw = bBuffer)
            {
                float* packA = Align64(aRaw), packB = Align64(bRaw);
                for (var jc = c0; jc < c1; jc += nc)
                {
                    var ncb = Math.Min(nc, c1 - jc);
                    for (var pc = 0; pc < k; pc += kc)
                    {
                        var kcb = Math.Min(kc, k - pc);
                        var beta = pc == 0 ? g.Beta : 1f;
                        GemmPacking.PackB(g.BAt(pc, jc), g.Ldb, g.TransB, kcb, ncb, nr, packB);
                        for (var ic = r0; ic < r1; ic += mc)
                        {
                            var mcb = Math.Min(mc, r1 - ic);
                            GemmPacking.PackA(g.AAt(ic, pc), g.Lda, g.TransA, mcb, kcb, mr, packA);
                            Tiles(g, kernel, kcb, packA, packB, ic, mcb, jc, ncb, beta, tile);
                        }
                    }
                }
            }
        }
        finally
        {
            pool.Return(aBuffer);
            pool.Return(bBuffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tiles(in GemmOperands g, GemmKernel kernel, int kc, float* packA, float* packB,
        int ic, int mc, int jc, int nc, float beta, float* tile)
    {
        int mr = kernel.MR, nr = kernel.NR;
        for (var ir = 0; ir < mc; ir += mr)
        {
            var pa = packA + (nint)ir * kc;
            var rows = Math.Min(mr, mc - ir);
            for (var jr = 0; jr < nc; jr += nr)
            {
                var pb = packB + (nint)jr * kc;
                var cols = Math.Min(nr, nc - jr);
                var c = g.CAt(ic + ir, jc + jr);
                if (rows == mr && cols == nr)
                {
                    kernel.Run(kc, pa, pb, c, g.Ldc, g.Alpha, beta);
                    continue;
                }
                kernel.Run(kc, pa, pb, tile, nr, 1f, 0f);
                WriteBack(tile, nr, rows, cols, c, g.Ldc, g.Alpha, beta);
            }
        }
    }

    /// <summary>Edge tiles: C = alpha * tile + beta * C over the valid rows x cols only.</summary>
    private static void WriteBack(float* tile, int nr, int rows, int cols, float* c, nint ldc, float alpha, float beta)
    {
        for (var i = 0; i < rows; i++, c += ldc, tile += nr)
            for (var j = 0; j < cols; j++)
                c[j] = beta == 0f ? alpha * tile[j] : MathF.FusedMultiplyAdd(beta, c[j], alpha * tile[j]);
    }

    private static int Ceil(int x, int d) => (x + d - 1) / d;

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    private static float* Align64(float* p) => (float*)(((nint)p + 63) & ~(nint)63);
}
