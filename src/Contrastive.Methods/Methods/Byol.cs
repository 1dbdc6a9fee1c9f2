using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// BYOL (Grill et al. 2020): the online network (encoder, projector, predictor) predicts the target network's
/// projection of the other view; the target is an EMA of the online encoder and projector whose momentum rises
/// from <c>baseMomentum</c> to 1 on a cosine schedule. Symmetric loss: L = l(p1, z2') + l(p2, z1').
/// </summary>
public sealed class Byol : ContrastiveMethod
{
    private readonly TargetNetwork _target;

    /// <summary>Creates BYOL; <paramref name="createTwin"/> builds a fresh encoder+projector (no predictor) for the target.</summary>
    public Byol(EmbeddingModel model, Func<EmbeddingModel> createTwin, float baseMomentum = 0.99f) : base(model)
    {
        if (model.Predictor is null) throw new ArgumentException("BYOL needs a model with a predictor head");
        _target = new TargetNetwork(model, createTwin);
        BaseMomentum = baseMomentum;
    }

    /// <summary>The EMA momentum at the start of training (the paper uses 0.996 for long runs).</summary>
    public float BaseMomentum { get; }

    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "byol";

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        var p1 = Model.Predict(Model.Forward(batch.Views[0]));
        var p2 = Model.Predict(Model.Forward(batch.Views[1]));
        var z1 = _target.Project(batch.Views[0]);
        var z2 = _target.Project(batch.Views[1]);
        return Ops.Add(ByolLoss.Compute(p1, z2), ByolLoss.Compute(p2, z1));
    }

    /// <inheritdoc />
    public override void AfterStep(TrainingProgress progress) =>
        _target.Update(Model, (float)Ema.CosineMomentum(BaseMomentum, progress.Step, progress.TotalSteps));

    /// <inheritdoc />
    public override IEnumerable<(string Name, Tensor Tensor)> ExtraState() => _target.State();

    /// <inheritdoc />
    protected override void SetTraining(bool training)
    {
        base.SetTraining(training);
        _target.Model.Train(training);
    }
}
