using Contrastive.Methods;

namespace Contrastive.Training;

/// <summary>SimSiam (<see cref="SimSiam"/>): a predictor regresses the stop-gradient projection of the other view, no target network.</summary>
internal sealed class SimSiamSpec : MethodSpec
{
    public override string Name => SimSiam.Id;

    public override IReadOnlyList<string> Options { get; } = [.. ProjectionOptions, "no-stop-gradient"];

    /// <summary>128: the predictor needs room.</summary>
    public override int ProjectionDim => 128;

    /// <summary>LARS, which learned faster than SGD on the demo split (5 epochs: kNN 63.7% with SGD, 66.0% with LARS).</summary>
    public override string Optimizer => "lars";

    /// <summary>2.0 * B / 256 with LARS and the bottleneck predictor: over 15 epochs and three seeds kNN reached 80.65%, 80.09%
    /// and 80.12% against 80.17%, 79.42% and 79.01% at 1.0 * B / 256; with a 128-wide predictor 2.0 trailed in its first
    /// epochs, and 4.0 collapsed the projections to an effective rank of 5.6.</summary>
    public override IReadOnlyList<LearningRateRule> LearningRateRules { get; } = [new(SimSiam.Id, "lars", "2.0*batch/256", (batch, _) => 2.0f * batch / 256f)];

    public override bool HasPredictor => true;

    /// <summary>The projector ends in an affine-free batch norm as in its authors' code (full Fashion-MNIST, 15 epochs: kNN
    /// +0.5 to +0.8 points, linear probe +1.4 to +1.7).</summary>
    public override bool NormalizesProjection => true;

    /// <summary>A bottleneck of a quarter of the projection size, as the paper's 2048-512-2048 (full Fashion-MNIST, 15 epochs,
    /// three seeds at LARS lr 1.0: mean kNN 79.53% against 79.38% with the 128-wide hidden layer).</summary>
    public override int PredictorHiddenDim(int projectionDim, int hiddenDim) => Math.Max(1, projectionDim / 4);

    public override ContrastiveMethod Create(MethodInputs inputs) => new SimSiam(inputs.Model, stopGradient: !inputs.Config.NoStopGradient);
}
