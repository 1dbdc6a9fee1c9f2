using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// Supervised contrastive loss, L_out of Khosla et al. 2020. With s_ij = z_i . z_j / T on normalised z and
/// P(i) the other samples sharing i's label: L = mean_i [ -1/|P(i)| sum_{p in P(i)} (s_ip - log sum_{j != i} exp(s_ij)) ].
/// Anchors without any positive are left out of the mean (no NaN); a batch without positives gives 0.
/// </summary>
public static class SupConLoss
{
    /// <summary>The loss of embeddings (N, D) with labels (N); for two views pass both stacked with duplicated labels.</summary>
    public static Tensor Compute(Tensor embeddings, int[] labels, float temperature)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LossChecks.Labels(embeddings, labels, "SupCon");
        LossChecks.Temperature(temperature);
        var n = labels.Length;
        var z = Ops.L2Normalize(embeddings, 1);
        var sim = Ops.Scale(Ops.MatMul(z, z, transB: true), 1f / temperature);   // (N, N)
        sim = Ops.MaskedFill(sim, LossChecks.Diagonal(n), float.NegativeInfinity);
        var logProb = Ops.Sub(sim, Ops.LogSumExp(sim, 1, keepDim: true));          // (N, N), -inf on the diagonal

        // weights[i, p] = 1 / (|P(i)| * anchors) for positives p of anchor i, else 0; the diagonal's -inf is zeroed by MaskedFill.
        var positives = new int[n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) if (j != i && labels[j] == labels[i]) positives[i]++;
        var anchors = positives.Count(c => c > 0);
        var weights = new float[n * n];
        var notPositive = new bool[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var positive = j != i && labels[j] == labels[i];
                notPositive[i * n + j] = !positive;
                if (positive) weights[i * n + j] = 1f / (positives[i] * anchors);
            }
        if (anchors == 0) return Ops.Scale(Ops.Sum(embeddings), 0f);
        var masked = Ops.MaskedFill(logProb, notPositive, 0f);
        return Ops.Neg(Ops.Sum(Ops.Mul(masked, new Tensor(weights, [n, n]))));
    }
}
