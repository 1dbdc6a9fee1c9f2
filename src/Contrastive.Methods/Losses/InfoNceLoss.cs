using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// InfoNCE with an external queue of negatives, as in MoCo (He et al. 2020):
/// logits = [q.k, q.queue_1 .. q.queue_K] / T on L2-normalised vectors, cross-entropy toward class 0.
/// </summary>
public static class InfoNceLoss
{
    /// <summary>The loss of queries (N, D) against their keys (N, D) and a queue (K, D) of negatives.</summary>
    public static Tensor Compute(Tensor queries, Tensor keys, Tensor queue, float temperature)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(queue);
        Shapes.RequireEqual(queries.Shape, keys.Shape, "InfoNCE queries and keys");
        if (queue.Rank != 2 || queue.Size(1) != queries.Size(1))
            throw new ArgumentException($"InfoNCE: queue {Shapes.Format(queue.Shape)} does not match queries {Shapes.Format(queries.Shape)}");
        LossChecks.Temperature(temperature);
        var q = Ops.L2Normalize(queries, 1);
        var k = Ops.L2Normalize(keys, 1);
        var positive = Ops.Sum(Ops.Mul(q, k), 1, keepDim: true);                      // (N, 1)
        var negative = Ops.MatMul(q, Ops.L2Normalize(queue, 1), transB: true);         // (N, K)
        var logits = Ops.Scale(Ops.Concat([positive, negative], 1), 1f / temperature); // (N, 1+K)
        return Ops.CrossEntropy(logits, new int[queries.Size(0)]);
    }
}
