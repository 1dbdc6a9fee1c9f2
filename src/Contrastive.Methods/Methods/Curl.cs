using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// CURL (Srinivas et al. 2020): queries from the online encoder, keys from its momentum (EMA) copy, and the bilinear
/// InfoNCE q^T W k with a learned W (<see cref="BilinearInfoNceLoss"/>). The batch's first view holds the anchors and
/// its second their positives: two random crops of one observation for CURL, or crops of observations a few steps
/// apart in one episode for ATC (Stooke et al. 2021, augmented temporal contrast) — the loss and the networks are the
/// same, only the pairs differ.
/// </summary>
public sealed class Curl : ContrastiveMethod
{
    private readonly TargetNetwork _keyNetwork;

    /// <summary>Creates the method around an encoder-only model; <paramref name="createTwin"/> builds its key copy.</summary>
    /// <exception cref="ArgumentException">The model has a head, or its encoder does not say its output size.</exception>
    public Curl(EmbeddingModel model, Func<EmbeddingModel> createTwin, Rng rng, float momentum = 0.95f, string name = "curl") : base(model)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (model.Head is not null) throw new ArgumentException("CURL contrasts the encoder's output: the model must have no head");
        var dim = (model.Encoder as IEncoder ?? throw new ArgumentException("CURL needs an encoder that states its output size (IEncoder)")).OutputDim;
        if (!(momentum >= 0f && momentum <= 1f)) throw new ArgumentOutOfRangeException(nameof(momentum), $"momentum must be in [0, 1], got {momentum}");
        _keyNetwork = new TargetNetwork(model, createTwin);
        W = Tensor.Uniform(rng, 0f, 1f, dim, dim); // as CURL's torch.rand(z_dim, z_dim)
        W.RequiresGrad = true;
        Momentum = momentum;
        Name = name;
    }

    /// <summary>The bilinear matrix of the logits (D x D).</summary>
    public Tensor W { get; }

    /// <summary>The key encoder's EMA momentum (CURL's encoder tau of 0.05 is a momentum of 0.95).</summary>
    public float Momentum { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override IEnumerable<Tensor> TrainableParameters() => Model.Parameters().Append(W);

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        return BilinearInfoNceLoss.Compute(Model.Forward(batch.Views[0]), _keyNetwork.Project(batch.Views[1]), W);
    }

    /// <inheritdoc />
    public override void AfterStep(TrainingProgress progress) => _keyNetwork.Update(Model, Momentum);

    /// <inheritdoc />
    public override IEnumerable<(string Name, Tensor Tensor)> ExtraState() => _keyNetwork.State().Append(("W", W));

    /// <inheritdoc />
    protected override void SetTraining(bool training)
    {
        base.SetTraining(training);
        _keyNetwork.Model.Train(training);
    }
}
