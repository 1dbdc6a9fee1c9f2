using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// Supervised fine-tuning for transfer learning: a linear classifier (the model's head) on the encoder's
/// representation, trained with cross-entropy on the first view. The whole encoder is fine-tuned, unless it is frozen
/// (<see cref="ContrastiveMethod.Freeze"/>: with the whole encoder frozen, a linear probe trained end to end).
/// </summary>
public sealed class Classifier(EmbeddingModel model, float labelSmoothing = 0f) : ContrastiveMethod(model)
{
    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "classifier";

    /// <inheritdoc />
    public override bool RequiresLabels => true;

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 1);
        return Ops.CrossEntropy(Model.Forward(batch.Views[0]), batch.Labels!, labelSmoothing);
    }
}
