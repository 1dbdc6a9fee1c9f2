using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// SimSiam (Chen and He 2021): BYOL without a target network; the stop-gradient on the projection is what
/// prevents collapse. L = D(p1, sg(z2)) / 2 + D(p2, sg(z1)) / 2 with D the negative cosine similarity. The projector
/// ends in an affine-free batch norm, as in the authors' code (<see cref="Heads.NormalizedProjection"/>).
/// <paramref name="stopGradient"/> false removes the stop-gradient, an ablation: behind that batch norm the projections
/// cannot shrink to one point, so the run does not collapse outright but stops learning.
/// </summary>
public sealed class SimSiam(EmbeddingModel model, bool stopGradient = true) : ContrastiveMethod(model)
{
    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "simsiam";

    /// <summary>The predictor learns at the base rate throughout, as in the paper (Sec. 4.2, Table 1c: a decayed predictor
    /// learning rate trains worse, perhaps because the predictor should keep adapting to the latest projections).</summary>
    public override IEnumerable<Tensor> ParametersWithFixedLearningRate() =>
        Model.Predictor?.Parameters() ?? [];

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        if (Model.Predictor is null) throw new InvalidOperationException("SimSiam needs a model with a predictor head");
        var z1 = Model.Forward(batch.Views[0]);
        var z2 = Model.Forward(batch.Views[1]);
        var p1 = Model.Predict(z1);
        var p2 = Model.Predict(z2);
        var t1 = stopGradient ? z1.Detach() : z1;
        var t2 = stopGradient ? z2.Detach() : z2;
        return Ops.Scale(Ops.Add(ByolLoss.NegativeCosine(p1, t2), ByolLoss.NegativeCosine(p2, t1)), 0.5f);
    }
}
