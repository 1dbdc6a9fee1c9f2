using Contrastive.Distributed;
using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// Supervised contrastive loss, L_out of Khosla et al. 2020. With s_ij = z_i . z_j / T on normalised z and
/// P(i) the other samples sharing i's label: L = mean_i [ -1/|P(i)| sum_{p in P(i)} (s_ip - log sum_{j != i} exp(s_ij)) ].
/// Anchors without any positive are left out of the mean (no NaN); a batch without positives gives 0.
/// Data-parallel: the samples of all processes are the batch; each process sums the terms of its own anchors, times
/// the number of processes, so that the processes' mean is L.
/// </summary>
public static class SupConLoss
{
    /// <summary>
    /// The loss of embeddings (N, D) with labels (N); for two views pass both stacked with duplicated labels. With a
    /// <paramref name="group"/> of several processes, each passes its own samples (the same N on every process).
    /// </summary>
    public static Tensor Compute(Tensor embeddings, int[] labels, float temperature, IProcessGroup? group = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LossChecks.Labels(embeddings, labels, "SupCon");
        LossChecks.Temperature(temperature);
        group ??= SingleProcess.Instance;
        int n = labels.Length, offset = group.Rank * n;
        var allLabels = ProcessBatch.Gather(labels, group);
        var total = allLabels.Length;
        var z = Ops.L2Normalize(ProcessBatch.Gather(embeddings, group), 1);                                   // (M, D)
        var sim = Ops.Scale(Ops.MatMul(ProcessBatch.OwnRows(z, n, group), z, transB: true), 1f / temperature); // (N, M)
        var self = new bool[n * total];
        for (var i = 0; i < n; i++) self[i * total + offset + i] = true;
        sim = Ops.MaskedFill(sim, self, float.NegativeInfinity);
        var logProb = Ops.Sub(sim, Ops.LogSumExp(sim, 1, keepDim: true));                                      // (N, M), -inf on self

        // |P(i)| from the label counts; weights[i, p] = processes / (|P(i)| * anchors) for positives p of own anchor i,
        // where anchors counts the samples of the whole batch with a positive; self's -inf is zeroed by MaskedFill.
        var counts = allLabels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var anchors = allLabels.Count(l => counts[l] > 1);
        if (anchors == 0) return Ops.Scale(Ops.Sum(embeddings), 0f);
        var weights = new float[n * total];
        var notPositive = new bool[n * total];
        for (var i = 0; i < n; i++)
        {
            var label = allLabels[offset + i];
            var weight = (float)group.Size / ((counts[label] - 1) * anchors);
            for (var j = 0; j < total; j++)
            {
                var positive = j != offset + i && allLabels[j] == label;
                notPositive[i * total + j] = !positive;
                if (positive) weights[i * total + j] = weight;
            }
        }
        var masked = Ops.MaskedFill(logProb, notPositive, 0f);
        return Ops.Neg(Ops.Sum(Ops.Mul(masked, new Tensor(weights, [n, total]))));
    }
}
