using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// Sentence embeddings with in-batch negatives (<see cref="MultipleNegativesRankingLoss"/>) on a text encoder, no
/// projection head: the encoder's pooled output is the embedding. Batches hold token ids (B, T) as whole-number floats:
/// <c>Views[0]</c> the anchors, <c>Views[1]</c> the positives and, for triplets, <c>Views[2]</c> the hard negatives;
/// <c>Labels</c>, when present, are groups whose members are not each other's negatives.
/// <list type="bullet">
/// <item><c>simcse</c>: unsupervised SimCSE (Gao et al. 2021): the positive is the same text (or a text augmentation of
/// it) encoded a second time, with the encoder's dropout as the noise that makes the two views differ.</item>
/// <item><c>pairs</c>: (anchor, positive) pairs, symmetric.</item>
/// <item><c>triplet</c>: (anchor, positive, negative) triplets, the negatives as extra candidates.</item>
/// </list>
/// </summary>
public sealed class SentenceEmbedding : ContrastiveMethod
{
    /// <summary>The method names.</summary>
    public static readonly IReadOnlyList<string> Names = ["simcse", "pairs", "triplet"];

    /// <summary>Creates the method on <paramref name="encoder"/>.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/> or the temperature is not positive.</exception>
    public SentenceEmbedding(string name, Nn.Module encoder, float temperature) : base(new EmbeddingModel(encoder, head: null))
    {
        if (!Names.Contains(name)) throw new ArgumentException($"unknown sentence method '{name}' (expected {string.Join(", ", Names)})", nameof(name));
        if (!(temperature > 0)) throw new ArgumentException($"temperature must be positive, got {temperature}", nameof(temperature));
        Name = name;
        Temperature = temperature;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The softmax temperature (1 / scale).</summary>
    public float Temperature { get; }

    /// <summary>When set, the texts are encoded in chunks with feature-cached gradients (large batches in little memory).</summary>
    public GradCache? GradCache { get; init; }

    /// <summary>The views per batch: 3 for triplets, else 2.</summary>
    public int ViewCount => Name == "triplet" ? 3 : 2;

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
