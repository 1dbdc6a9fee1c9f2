using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// SimCLR (Chen et al. 2020): two augmented views through the same encoder and projection head, NT-Xent between
/// them. Each view is a separate forward pass, so batch-norm statistics are per view (as in BENCH_SPEC.md).
/// </summary>
public sealed class SimClr(EmbeddingModel model, float temperature = 0.5f) : ContrastiveMethod(model)
{
    /// <summary>The NT-Xent temperature.</summary>
    public float Temperature { get; } = temperature;

    /// <inheritdoc />
    public override string Name => "simclr";

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        return NtXentLoss.Compute(Model.Forward(batch.Views[0]), Model.Forward(batch.Views[1]), Temperature);
    }
}
