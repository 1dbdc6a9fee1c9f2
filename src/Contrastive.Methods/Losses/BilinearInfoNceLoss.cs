using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// CURL's bilinear InfoNCE (Srinivas et al. 2020; also ATC, Stooke et al. 2021): logits_ij = q_i^T W k_j with a learned
/// D x D matrix W, and L = mean_i CE(logits_i, i): each query's positive is the key in its own row, the other keys of
/// the batch are its negatives. The vectors are not normalised and there is no temperature (W sets the scale).
/// </summary>
public static class BilinearInfoNceLoss
{
    /// <summary>The loss of queries (N, D) against keys (N, D), row i of both being a positive pair, through W (D, D).</summary>
    /// <exception cref="ArgumentException">The shapes do not fit together; the message names them.</exception>
    public static Tensor Compute(Tensor queries, Tensor keys, Tensor w)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(w);
        if (queries.Rank != 2) throw new ArgumentException($"bilinear InfoNCE: queries must be (N, D), got {Shapes.Format(queries.Shape)}");
        Shapes.RequireEqual(queries.Shape, keys.Shape, "bilinear InfoNCE queries and keys");
        var d = queries.Size(1);
        if (w.Rank != 2 || w.Size(0) != d || w.Size(1) != d)
            throw new ArgumentException($"bilinear InfoNCE: W must be ({d}, {d}) for {d}-d queries, got {Shapes.Format(w.Shape)}");
        var logits = Ops.MatMul(Ops.MatMul(queries, w), keys, transB: true); // (N, N)
        return Ops.CrossEntropy(logits, Enumerable.Range(0, queries.Size(0)).ToArray());
    }
}
