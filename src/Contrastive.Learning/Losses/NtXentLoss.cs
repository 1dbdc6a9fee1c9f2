using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen et al. 2020).
/// For 2N L2-normalised views z, with s_ij = z_i . z_j / T and the self-similarity excluded:
/// L = mean_i [ -s_i,pos(i) + log sum_{j != i} exp(s_ij) ], where pos(i) is the other view of the same image.
/// The decoupled variant (DCL, Yeh et al. 2022) also leaves the positive out of the sum:
/// L = mean_i [ -s_i,pos(i) + log sum_{j != i, pos(i)} exp(s_ij) ], which removes the factor that shrinks the
/// gradient when the positive already dominates, and matters most at small batches.
/// </summary>
public static class NtXentLoss
{
    /// <summary>The loss of two batches of views (N, D) each, row i of both being the same image.</summary>
    /// <exception cref="ArgumentException">The views differ in shape or the temperature is not positive.</exception>
    public static Tensor Compute(Tensor z1, Tensor z2, float temperature, bool decoupled = false)
    {
        ArgumentNullException.ThrowIfNull(z1);
        ArgumentNullException.ThrowIfNull(z2);
        Shapes.RequireEqual(z1.Shape, z2.Shape, "NT-Xent views");
        LossChecks.Temperature(temperature);
        var n = z1.Size(0);
        var z = Ops.L2Normalize(Ops.Concat([z1, z2], 0), 1);               // (2N, D)
        var sim = Ops.Scale(Ops.MatMul(z, z, transB: true), 1f / temperature); // (2N, 2N)
        var targets = new int[2 * n];
        for (var i = 0; i < n; i++) { targets[i] = n + i; targets[n + i] = i; }
        var excluded = LossChecks.Diagonal(2 * n);
        if (!decoupled) return Ops.CrossEntropy(Ops.MaskedFill(sim, excluded, float.NegativeInfinity), targets);

        for (var i = 0; i < 2 * n; i++) excluded[i * 2 * n + targets[i]] = true;
        var partners = Ops.L2Normalize(Ops.Concat([z2, z1], 0), 1);                     // row i: the positive of z_i
        var positives = Ops.Scale(Ops.Sum(Ops.Mul(z, partners), 1), 1f / temperature); // s_i,pos(i)
        var negatives = Ops.LogSumExp(Ops.MaskedFill(sim, excluded, float.NegativeInfinity), 1);
        return Ops.Mean(Ops.Sub(negatives, positives));
    }
}
