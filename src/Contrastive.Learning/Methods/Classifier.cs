using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// Supervised fine-tuning for transfer learning: a linear classifier (the model's head) on the encoder's
/// representation, trained with cross-entropy on the first view. With <c>freezeEncoder</c> only the classifier
/// learns and the encoder stays in eval mode (a linear probe trained end to end); otherwise the whole encoder is
/// fine-tuned.
/// </summary>
public sealed class Classifier(EmbeddingModel model, bool freezeEncoder, float labelSmoothing = 0f) : ContrastiveMethod(model)
{
    /// <inheritdoc />
    public override string Name => "classifier";

    /// <inheritdoc />
    public override bool RequiresLabels => true;

    /// <inheritdoc />
    public override IEnumerable<Tensor> TrainableParameters() =>
        freezeEncoder ? Model.Head!.Parameters() : Model.Parameters();

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 1);
        Tensor representation;
        if (freezeEncoder)
        {
            using var _ = Autograd.NoGrad();
            representation = Model.Represent(batch.Views[0]);
        }
        else representation = Model.Represent(batch.Views[0]);
        return Ops.CrossEntropy(Model.Head!.Forward(representation), batch.Labels!, labelSmoothing);
    }

    /// <inheritdoc />
    public override void Train(bool training)
    {
        Model.Train(training);
        if (freezeEncoder) Model.Encoder.Train(false);
    }
}
