using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Examples.CustomMethod;

/// <summary>
/// VICReg (Bardes, Ponce and LeCun, 2022), a method the library does not ship, written as a user would: a
/// <see cref="ContrastiveMethod"/> whose loss is built from <see cref="Ops"/>, so autograd differentiates it. For two views'
/// projections z1, z2 (N x D):
/// L = lambda * mean((z1 - z2)^2) + mu * (v(z1) + v(z2)) + nu * (c(z1) + c(z2)), with the variance term
/// v(z) = mean_j max(0, 1 - sqrt(Var_j(z) + eps)) keeping every dimension spread, and the covariance term
/// c(z) = sum_{i != j} Cov(z)_ij^2 / D decorrelating the dimensions.
/// </summary>
public sealed class VicReg(EmbeddingModel model, float invariance = 25f, float variance = 25f, float covariance = 1f) : ContrastiveMethod(model)
{
    /// <inheritdoc />
    public override string Name => "vicreg";

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Views.Count != 2) throw new ArgumentException($"vicreg trains on 2 views per image, got {batch.Views.Count}");
        var (z1, z2) = (Model.Forward(batch.Views[0]), Model.Forward(batch.Views[1]));
        var similarity = Ops.Mean(Ops.Square(Ops.Sub(z1, z2)));
        var spread = Ops.Add(Variance(z1), Variance(z2));
        var decorrelation = Ops.Add(Covariance(z1), Covariance(z2));
        return Ops.Add(Ops.Add(Ops.Scale(similarity, invariance), Ops.Scale(spread, variance)), Ops.Scale(decorrelation, covariance));
    }

    /// <summary>mean_j relu(1 - std_j): the hinge on each dimension's standard deviation over the batch.</summary>
    private static Tensor Variance(Tensor z)
    {
        var centred = Ops.Sub(z, Ops.Mean(z, 0, keepDim: true));
        var std = Ops.Sqrt(Ops.AddScalar(Ops.Mean(Ops.Square(centred), 0), 1e-4f));
        return Ops.Mean(Ops.Relu(Ops.AddScalar(Ops.Scale(std, -1f), 1f)));
    }

    /// <summary>The squared off-diagonal entries of the (D, D) covariance over the batch, summed and divided by D.</summary>
    private static Tensor Covariance(Tensor z)
    {
        var (n, d) = (z.Size(0), z.Size(1));
        var centred = Ops.Sub(z, Ops.Mean(z, 0, keepDim: true));
        var covariance = Ops.Scale(Ops.MatMul(centred, centred, transA: true), 1f / (n - 1));
        var diagonal = new bool[d * d];
        for (var i = 0; i < d; i++) diagonal[i * d + i] = true;
        return Ops.Scale(Ops.Sum(Ops.Square(Ops.MaskedFill(covariance, diagonal, 0f))), 1f / d);
    }
}
