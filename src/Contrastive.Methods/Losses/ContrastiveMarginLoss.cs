using Contrastive.Miners;
using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// The contrastive (margin) loss of Hadsell, Chopra and LeCun 2006 for labeled pairs:
/// L = mean_i [ y_i d_i^2 + (1 - y_i) relu(margin - d_i)^2 ] / 2, with d_i = ||x1_i - x2_i|| and y_i = 1 for similar pairs.
/// </summary>
public static class ContrastiveMarginLoss
{
    /// <summary>The loss of pairs (N, D) x (N, D) with similarity labels (1 same, 0 different).</summary>
    public static Tensor Compute(Tensor x1, Tensor x2, float[] same, float margin)
    {
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(same);
        if (same.Length != x1.Size(0)) throw new ArgumentException($"contrastive loss: {same.Length} pair labels for {x1.Size(0)} pairs");
        var d = Distances.RowWise(x1, x2);                                                   // (N)
        var y = Tensor.FromArray(same, same.Length);
        var positive = Ops.Mul(y, Ops.Square(d));
        var negative = Ops.Mul(Ops.AddScalar(Ops.Neg(y), 1f), Ops.Square(Ops.Relu(Ops.AddScalar(Ops.Neg(d), margin))));
        return Ops.Scale(Ops.Mean(Ops.Add(positive, negative)), 0.5f);
    }

    /// <summary>The loss over the pairs <paramref name="miner"/> picks from a labeled batch of embeddings (N, D).</summary>
    public static Tensor Compute(Tensor embeddings, int[] labels, IPairMiner miner, float margin)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(miner);
        LossChecks.Labels(embeddings, labels, "contrastive loss");
        var pairs = miner.Mine(Distances.Matrix(embeddings), labels, margin);
        if (pairs.Count == 0) return Ops.Scale(Ops.Sum(embeddings), 0f);
        var left = Ops.IndexSelect(embeddings, pairs.Select(p => p.First).ToArray());
        var right = Ops.IndexSelect(embeddings, pairs.Select(p => p.Second).ToArray());
        return Compute(left, right, pairs.Select(p => p.Same ? 1f : 0f).ToArray(), margin);
    }
}
