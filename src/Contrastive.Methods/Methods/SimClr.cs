using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// SimCLR (Chen et al. 2020): two augmented views through the same encoder and projection head, NT-Xent between
/// them. Each view is a separate forward pass, so batch-norm statistics are per view (as in BENCH_SPEC.md); with
/// <see cref="GradCache"/> they are per chunk of a view. With V &gt; 2 views per image (as FastSiam's 4) the loss is
/// the mean NT-Xent over the V(V-1)/2 view pairs: every image's views are each other's positives.
/// </summary>
public sealed class SimClr(EmbeddingModel model, float temperature = 0.5f) : ContrastiveMethod(model)
{
    /// <summary>The NT-Xent temperature.</summary>
    public float Temperature { get; } = temperature;

    /// <summary>Leave the positive out of each denominator (DCL, see <see cref="NtXentLoss"/>).</summary>
    public bool Decoupled { get; init; }

    /// <summary>When set, views are encoded in chunks with feature-cached gradients (large batches in little memory).</summary>
    public GradCache? GradCache { get; init; }

    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "simclr";

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        var z = batch.Views.Select(Model.Forward).ToArray();
        Tensor? total = null;
        for (var i = 0; i < z.Length; i++)
            for (var j = i + 1; j < z.Length; j++)
            {
                var pair = NtXentLoss.Compute(z[i], z[j], Temperature, Decoupled, Group);
                total = total is null ? pair : total + pair;
            }
        return z.Length == 2 ? total! : total! / (z.Length * (z.Length - 1) / 2);
    }

    /// <inheritdoc />
    public override float ComputeGradients(TrainingBatch batch)
    {
        if (GradCache is null) return base.ComputeGradients(batch);
        RequireViews(batch, 2);
        if (batch.Views.Count != 2) throw new ArgumentException($"simclr with GradCache trains on two views, got {batch.Views.Count}");
        return GradCache.Backward([new(Model, batch.Views[0]), new(Model, batch.Views[1])],
            z => NtXentLoss.Compute(z[0], z[1], Temperature, Decoupled, Group)).Item();
    }
}
