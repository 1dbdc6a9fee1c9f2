using Contrastive.Distributed;
using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// Barlow Twins (Zbontar et al. 2021). Each view is standardised per dimension over the batch (biased std),
/// C = z1^T z2 / N is their (D, D) cross-correlation, and L = sum_i (1 - C_ii)^2 + lambda * sum_{i != j} C_ij^2.
/// Data-parallel: every process gathers the views of all and computes the loss of the whole batch.
/// </summary>
public static class BarlowTwinsLoss
{
    /// <summary>The paper's off-diagonal weight for a 8192-d projector; scale it up for small projectors.</summary>
    public const float DefaultLambda = 0.0051f;

    /// <summary>The loss of two views (N, D); with a <paramref name="group"/> of several processes, each passes its own rows
    /// (the same N on every process) and gets the loss of the whole batch.</summary>
    public static Tensor Compute(Tensor z1, Tensor z2, float lambda = DefaultLambda, IProcessGroup? group = null)
    {
        ArgumentNullException.ThrowIfNull(z1);
        ArgumentNullException.ThrowIfNull(z2);
        Shapes.RequireEqual(z1.Shape, z2.Shape, "Barlow Twins views");
        group ??= SingleProcess.Instance;
        (z1, z2) = (ProcessBatch.Gather(z1, group), ProcessBatch.Gather(z2, group));
        if (z1.Size(0) < 2) throw new ArgumentException("Barlow Twins needs at least 2 samples per batch to standardise");
        var n = z1.Size(0);
        var d = z1.Size(1);
        var c = Ops.Scale(Ops.MatMul(Standardise(z1), Standardise(z2), transA: true), 1f / n); // (D, D)
        var diagonal = LossChecks.Diagonal(d);
        var identity = new float[d * d];
        for (var i = 0; i < d; i++) identity[i * d + i] = 1f;
        var onDiagonal = Ops.Sum(Ops.Square(Ops.MaskedFill(Ops.Sub(c, new Tensor(identity, [d, d])), Invert(diagonal), 0f)));
        var offDiagonal = Ops.Sum(Ops.Square(Ops.MaskedFill(c, diagonal, 0f)));
        return Ops.Add(onDiagonal, Ops.Scale(offDiagonal, lambda));
    }

    // (z - mean) / std over the batch dimension, std biased: sqrt(mean((z - mean)^2) + eps); eps keeps a constant
    // dimension (a collapsed projector) finite instead of NaN.
    private static Tensor Standardise(Tensor z)
    {
        var centred = Ops.Sub(z, Ops.Mean(z, 0, keepDim: true));
        var std = Ops.Sqrt(Ops.AddScalar(Ops.Mean(Ops.Square(centred), 0, keepDim: true), 1e-12f));
        return Ops.Div(centred, std);
    }

    private static bool[] Invert(bool[] mask) => mask.Select(m => !m).ToArray();
}
