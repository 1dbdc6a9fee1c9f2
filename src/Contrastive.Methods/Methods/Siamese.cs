using Contrastive.Losses;
using Contrastive.Miners;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// A supervised Siamese network (Hadsell et al. 2006): pairs formed online within each batch (both views of
/// every image, labels shared), chosen by an <see cref="IPairMiner"/>, trained with the contrastive margin loss
/// on L2-normalised embeddings.
/// </summary>
public sealed class Siamese(EmbeddingModel model, IPairMiner miner, float margin = 0.5f) : ContrastiveMethod(model)
{
    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "siamese";

    /// <inheritdoc />
    public override bool RequiresLabels => true;

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        var (embeddings, labels) = MetricBatch.Embed(Model, batch);
        return ContrastiveMarginLoss.Compute(embeddings, labels, miner, margin);
    }
}
