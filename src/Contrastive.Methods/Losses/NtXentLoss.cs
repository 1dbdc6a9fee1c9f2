using Contrastive.Distributed;
using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen et al. 2020).
/// For 2N L2-normalised views z, with s_ij = z_i . z_j / T and the self-similarity excluded:
/// L = mean_i [ -s_i,pos(i) + log sum_{j != i} exp(s_ij) ], where pos(i) is the other view of the same image.
/// The decoupled variant (DCL, Yeh et al. 2022) also leaves the positive out of the sum:
/// L = mean_i [ -s_i,pos(i) + log sum_{j != i, pos(i)} exp(s_ij) ], which removes the factor that shrinks the
/// gradient when the positive already dominates, and matters most at small batches.
/// Data-parallel: the views of all processes are the 2N, and each process averages over its own anchors.
/// </summary>
public static class NtXentLoss
{
    /// <summary>
    /// The loss of two batches of views (N, D) each, row i of both being the same image. With a <paramref name="group"/>
    /// of several processes, each passes its own rows and gets the mean over its anchors against the views of all.
    /// </summary>
    /// <exception cref="ArgumentException">The views differ in shape or the temperature is not positive.</exception>
    public static Tensor Compute(Tensor z1, Tensor z2, float temperature, bool decoupled = false, IProcessGroup? group = null)
    {
        ArgumentNullException.ThrowIfNull(z1);
        ArgumentNullException.ThrowIfNull(z2);
        Shapes.RequireEqual(z1.Shape, z2.Shape, "NT-Xent views");
        LossChecks.Temperature(temperature);
        group ??= SingleProcess.Instance;
        int n = z1.Size(0), m = n * group.Size, offset = group.Rank * n;
        var z = Ops.L2Normalize(Ops.Concat([ProcessBatch.Gather(z1, group), ProcessBatch.Gather(z2, group)], 0), 1); // (2M, D)
        var (first, second) = (Ops.Narrow(z, 0, offset, n), Ops.Narrow(z, 0, m + offset, n));
        var anchors = group.Size == 1 ? z : Ops.Concat([first, second], 0);                                       // (2N, D)
        var sim = Ops.Scale(Ops.MatMul(anchors, z, transB: true), 1f / temperature);                             // (2N, 2M)
        // Anchor a is row self(a) of z; its positive, the other view, is row pos(a) = self(a) +- M.
        var targets = new int[2 * n];
        var excluded = new bool[2 * n * 2 * m];
        for (var a = 0; a < 2 * n; a++)
        {
            var self = a < n ? offset + a : m + offset + a - n;
            targets[a] = self < m ? self + m : self - m;
            excluded[a * 2 * m + self] = true;
        }
        if (!decoupled) return Ops.CrossEntropy(Ops.MaskedFill(sim, excluded, float.NegativeInfinity), targets);

        for (var a = 0; a < 2 * n; a++) excluded[a * 2 * m + targets[a]] = true;
        var partners = Ops.Concat([second, first], 0);                                        // row a: the positive of anchor a
        var positives = Ops.Scale(Ops.Sum(Ops.Mul(anchors, partners), 1), 1f / temperature); // s_a,pos(a)
        var negatives = Ops.LogSumExp(Ops.MaskedFill(sim, excluded, float.NegativeInfinity), 1);
        return Ops.Mean(Ops.Sub(negatives, positives));
    }
}
