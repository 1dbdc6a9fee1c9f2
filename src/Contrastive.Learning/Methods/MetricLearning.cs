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
    public override string Name => "siamese";

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

/// <summary>
/// A triplet network (Schroff et al. 2015; Hermans et al. 2017): triplets mined online within each batch by an
/// <see cref="ITripletMiner"/>, triplet margin loss on L2-normalised embeddings.
/// </summary>
public sealed class TripletNetwork(EmbeddingModel model, ITripletMiner miner, float margin = 0.2f) : ContrastiveMethod(model)
{
    /// <inheritdoc />
    public override string Name => "triplet";

    /// <inheritdoc />
    public override bool RequiresLabels => true;

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        var (embeddings, labels) = MetricBatch.Embed(Model, batch);
        return TripletMarginLoss.Compute(embeddings, labels, miner, margin);
    }

    /// <inheritdoc />
    public override IEnumerable<(string Name, Rng Generator)> Generators() =>
        miner is DistanceWeightedMiner sampler ? base.Generators().Append(("miner", sampler.Generator)) : base.Generators();
}

/// <summary>Both views of a labeled batch embedded and normalised, labels duplicated: (2B, D) and 2B labels.</summary>
internal static class MetricBatch
{
    public static (Tensor Embeddings, int[] Labels) Embed(EmbeddingModel model, TrainingBatch batch)
    {
        var z = Ops.Concat([model.Forward(batch.Views[0]), model.Forward(batch.Views[1])], 0);
        return (Ops.L2Normalize(z, 1), [.. batch.Labels!, .. batch.Labels!]);
    }
}
