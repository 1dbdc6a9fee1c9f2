using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// Sentence embeddings with in-batch negatives (<see cref="MultipleNegativesRankingLoss"/>) on a text encoder, no
/// projection head: the encoder's pooled output is the embedding. Batches hold token ids (B, T) as whole-number floats:
/// <c>Views[0]</c> the anchors, <c>Views[1]</c> the positives and, for triplets, <c>Views[2]</c> the hard negatives;
/// <c>Labels</c>, when present, are groups whose members are not each other's negatives. Unsupervised SimCSE, pairs and
/// triplets differ only in what the views hold, which the batches decide.
/// </summary>
public sealed class SentenceEmbedding : ContrastiveMethod
{
    /// <summary>Creates the method called <paramref name="name"/> on <paramref name="encoder"/>, trained on batches of
    /// <paramref name="viewCount"/> views (2: anchors and positives; 3: also hard negatives).</summary>
    /// <exception cref="ArgumentException">The temperature is not positive or the view count is not 2 or 3.</exception>
    public SentenceEmbedding(string name, Nn.Module encoder, float temperature, int viewCount) : base(new EmbeddingModel(encoder, head: null))
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!(temperature > 0)) throw new ArgumentException($"temperature must be positive, got {temperature}", nameof(temperature));
        if (viewCount is not (2 or 3)) throw new ArgumentException($"sentence embeddings train on 2 or 3 views, got {viewCount}", nameof(viewCount));
        (Name, Temperature, ViewCount) = (name, temperature, viewCount);
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The softmax temperature (1 / scale).</summary>
    public float Temperature { get; }

    /// <summary>When set, the texts are encoded in chunks with feature-cached gradients (large batches in little memory).</summary>
    public GradCache? GradCache { get; init; }

    /// <summary>The views per batch: 3 with hard negatives, else 2.</summary>
    public int ViewCount { get; }

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, ViewCount);
        var anchors = Model.Represent(batch.Views[0]);
        var positives = Model.Represent(batch.Views[1]);
        var negatives = ViewCount == 3 ? Model.Represent(batch.Views[2]) : null;
        return MultipleNegativesRankingLoss.Compute(anchors, positives, negatives, 1f / Temperature, batch.Labels);
    }

    /// <inheritdoc />
    public override float ComputeGradients(TrainingBatch batch)
    {
        if (GradCache is null) return base.ComputeGradients(batch);
        RequireViews(batch, ViewCount);
        var inputs = batch.Views.Take(ViewCount).Select(view => new GradCacheInput(Model, view)).ToArray();
        return GradCache.Backward(inputs,
            r => MultipleNegativesRankingLoss.Compute(r[0], r[1], ViewCount == 3 ? r[2] : null, 1f / Temperature, batch.Labels)).Item();
    }
}
