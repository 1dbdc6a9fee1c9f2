using Contrastive.Miners;
using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// The triplet margin loss (Schroff et al. 2015; Hermans et al. 2017): L = mean over triplets of
/// relu(||a - p|| - ||a - n|| + margin), Euclidean. Triplets are given, or chosen by any <see cref="ITripletMiner"/>.
/// </summary>
public static class TripletMarginLoss
{
    /// <summary>PyTorch's triplet_margin_loss adds this to each difference before the norm.</summary>
    public const float PairwiseEpsilon = 1e-6f;

    /// <summary>The loss of explicit (anchor, positive, negative) rows, each (N, D).</summary>
    public static Tensor Compute(Tensor anchors, Tensor positives, Tensor negatives, float margin)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var dap = Distances.RowWise(anchors, positives, PairwiseEpsilon);
        var dan = Distances.RowWise(anchors, negatives, PairwiseEpsilon);
        return Hinge(dap, dan, margin);
    }

    /// <summary>
    /// The loss over the triplets <paramref name="miner"/> picks from a labeled batch of embeddings (N, D).
    /// A batch where the miner finds no triplet gives a zero loss (still connected to the graph), never NaN.
    /// </summary>
    public static Tensor Compute(Tensor embeddings, int[] labels, ITripletMiner miner, float margin)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(miner);
        LossChecks.Labels(embeddings, labels, "triplet loss");
        var triplets = miner.Mine(Distances.Matrix(embeddings), labels, margin);
        if (triplets.Count == 0) return Ops.Scale(Ops.Sum(embeddings), 0f);
        var a = Ops.IndexSelect(embeddings, triplets.Select(t => t.Anchor).ToArray());
        var p = Ops.IndexSelect(embeddings, triplets.Select(t => t.Positive).ToArray());
        var n = Ops.IndexSelect(embeddings, triplets.Select(t => t.Negative).ToArray());
        var dap = Distances.RowWise(a, p);
        var dan = Distances.RowWise(a, n);
        return Hinge(dap, dan, margin);
    }

    // mean over triplets of relu(d(a, p) - d(a, n) + margin)
    private static Tensor Hinge(Tensor dap, Tensor dan, float margin) => Ops.Mean(Ops.Relu(Ops.AddScalar(Ops.Sub(dap, dan), margin)));
}
