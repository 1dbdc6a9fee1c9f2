using Contrastive.Methods;

namespace Contrastive.Runs;

/// <summary>SimSiam (<see cref="SimSiam"/>): a predictor regresses the stop-gradient projection of the other view, no target network.</summary>
internal sealed class SimSiamSpec : MethodSpec
{
    public override string Name => SimSiam.Id;

    public override IReadOnlyList<string> Options { get; } = [.. ProjectionOptions, "no-stop-gradient"];

    /// <summary>128: the predictor needs room.</summary>
    public override int ProjectionDim => 128;

    /// <summary>LARS, which learned faster than SGD (BENCHMARKS.md, "Method defaults and why").</summary>
    public override string Optimizer => "lars";

    /// <summary>2.0 * B / 256 with LARS and the bottleneck predictor (BENCHMARKS.md, "Method defaults and why").</summary>
    public override IReadOnlyList<LearningRateRule> LearningRateRules { get; } = [new(SimSiam.Id, "lars", "2.0*batch/256", (batch, _) => 2.0f * batch / 256f)];

    public override bool HasPredictor => true;

    /// <summary>The projector ends in an affine-free batch norm, as in its authors' code (BENCHMARKS.md, "Method defaults and why").</summary>
    public override bool NormalizesProjection => true;

    /// <summary>A bottleneck of a quarter of the projection size, as the paper's 2048-512-2048 (BENCHMARKS.md, "Method defaults and why").</summary>
    public override int PredictorHiddenDim(int projectionDim, int hiddenDim) => Math.Max(1, projectionDim / 4);

    public override ContrastiveMethod Create(MethodInputs inputs) => new SimSiam(inputs.Model, stopGradient: !inputs.Config.NoStopGradient);
}
