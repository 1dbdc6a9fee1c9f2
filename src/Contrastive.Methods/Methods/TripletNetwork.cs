using Contrastive.Losses;
using Contrastive.Miners;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// A triplet network (Schroff et al. 2015; Hermans et al. 2017): triplets mined online within each batch by an
/// <see cref="ITripletMiner"/>, triplet margin loss on L2-normalised embeddings.
/// </summary>
public sealed class TripletNetwork(EmbeddingModel model, ITripletMiner miner, float margin = 0.2f) : ContrastiveMethod(model)
{
    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "triplet";

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
