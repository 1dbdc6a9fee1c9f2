using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// Barlow Twins (Zbontar et al. 2021): drive the cross-correlation of the two views' standardised projections
/// toward the identity (invariance on the diagonal, redundancy reduction off it, weighted by lambda).
/// </summary>
public sealed class BarlowTwins(EmbeddingModel model, float lambda = BarlowTwinsLoss.DefaultLambda) : ContrastiveMethod(model)
{
    /// <summary>The off-diagonal weight.</summary>
    public float Lambda { get; } = lambda;

    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "barlow";

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        return BarlowTwinsLoss.Compute(Model.Forward(batch.Views[0]), Model.Forward(batch.Views[1]), Lambda, Group);
    }
}
