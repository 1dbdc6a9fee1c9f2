using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// BYOL's regression loss (Grill et al. 2020): L = mean_i (2 - 2 cos(p_i, z_i)), the squared distance of the
/// normalised prediction and target. Pass a detached target: the target network receives no gradient.
/// </summary>
public static class ByolLoss
{
    /// <summary>The loss of predictions (N, D) against targets (N, D).</summary>
    public static Tensor Compute(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        Shapes.RequireEqual(predictions.Shape, targets.Shape, "BYOL predictions and targets");
        var cosine = Ops.Sum(Ops.Mul(Ops.L2Normalize(predictions, 1), Ops.L2Normalize(targets, 1)), 1); // (N)
        return Ops.AddScalar(Ops.Scale(Ops.Mean(cosine), -2f), 2f);
    }

    /// <summary>SimSiam's negative cosine similarity D(p, z) = -mean_i cos(p_i, z_i) (Chen &amp; He 2021).</summary>
    public static Tensor NegativeCosine(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        Shapes.RequireEqual(predictions.Shape, targets.Shape, "SimSiam predictions and targets");
        var cosine = Ops.Sum(Ops.Mul(Ops.L2Normalize(predictions, 1), Ops.L2Normalize(targets, 1)), 1);
        return Ops.Neg(Ops.Mean(cosine));
    }
}
