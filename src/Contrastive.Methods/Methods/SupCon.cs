using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// Supervised contrastive learning (Khosla et al. 2020): two views per image, every same-label sample in the
/// 2B-view batch is a positive (SupCon L_out).
/// </summary>
public sealed class SupCon(EmbeddingModel model, float temperature = 0.5f) : ContrastiveMethod(model)
{
    /// <summary>The SupCon temperature.</summary>
    public float Temperature { get; } = temperature;

    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "supcon";

    /// <inheritdoc />
    public override bool RequiresLabels => true;

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        var z = Ops.Concat([Model.Forward(batch.Views[0]), Model.Forward(batch.Views[1])], 0); // (2B, D)
        return SupConLoss.Compute(z, [.. batch.Labels!, .. batch.Labels!], Temperature, Group);
    }
}
