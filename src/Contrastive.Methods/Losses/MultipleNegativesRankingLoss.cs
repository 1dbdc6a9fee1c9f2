using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// Multiple negatives ranking loss (Henderson et al. 2017; sentence-transformers' <c>MultipleNegativesRankingLoss</c>),
/// symmetric: logits = scale * cos(anchor_i, candidate_j), where the candidates are the B positives followed, for
/// triplets, by the B hard negatives; every other positive in the batch is a negative. L = (CE(anchors to candidates,
/// i) + CE(positives to anchors, i)) / 2. With <c>groups</c>, another row of the query's group (a second example of the
/// same synset, a text of the same class) is not counted as a negative: its logit is masked out.
/// </summary>
public static class MultipleNegativesRankingLoss
{
    private const float Masked = -1e4f;

    /// <summary>The loss of anchor (B, D) and positive (B, D) embeddings and optional hard negatives (B, D).</summary>
    /// <param name="anchors">The anchors.</param>
    /// <param name="positives">Each anchor's positive.</param>
    /// <param name="negatives">Each anchor's hard negative, or null.</param>
    /// <param name="scale">The inverse temperature (sentence-transformers' default 20).</param>
    /// <param name="groups">Per row, a group id; rows of one group are not each other's negatives. Null: all rows differ.</param>
    /// <exception cref="ArgumentException">The shapes differ, the scale is not positive, or the groups do not fit the batch.</exception>
    public static Tensor Compute(Tensor anchors, Tensor positives, Tensor? negatives, float scale, int[]? groups = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(positives);
        Shapes.RequireEqual(anchors.Shape, positives.Shape, "anchor and positive embeddings");
        if (negatives is not null) Shapes.RequireEqual(anchors.Shape, negatives.Shape, "anchor and negative embeddings");
        if (!(scale > 0)) throw new ArgumentException($"the scale must be positive, got {scale}", nameof(scale));
        var b = anchors.Size(0);
        if (groups is not null && groups.Length != b) throw new ArgumentException($"{groups.Length} groups for a batch of {b}", nameof(groups));
        var a = Ops.L2Normalize(anchors, 1);
        var p = Ops.L2Normalize(positives, 1);
        var candidates = negatives is null ? p : Ops.Concat([p, Ops.L2Normalize(negatives, 1)], 0);
        var forward = Ops.Scale(Ops.MatMul(a, candidates, transB: true), scale); // (B, B or 2B)
        var backward = Ops.Scale(Ops.MatMul(p, a, transB: true), scale);          // (B, B)
        if (groups is not null && SameGroupMask(groups, forward.Size(1)) is { } mask)
        {
            forward = Ops.MaskedFill(forward, mask.Forward, Masked);
            backward = Ops.MaskedFill(backward, mask.Backward, Masked);
        }
        var targets = Enumerable.Range(0, b).ToArray();
        return Ops.Scale(Ops.Add(Ops.CrossEntropy(forward, targets), Ops.CrossEntropy(backward, targets)), 0.5f);
    }

    /// <summary>True at (i, j &lt; B), j != i, of one group; null when no two rows share a group.</summary>
    private static (bool[] Forward, bool[] Backward)? SameGroupMask(int[] groups, int columns)
    {
        var b = groups.Length;
        var forward = new bool[b * columns];
        var backward = new bool[b * b];
        var any = false;
        for (var i = 0; i < b; i++)
            for (var j = 0; j < b; j++)
                if (i != j && groups[i] == groups[j])
                    any = forward[i * columns + j] = backward[i * b + j] = true;
        return any ? (forward, backward) : null;
    }
}
