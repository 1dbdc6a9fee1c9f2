using Contrastive.Data.Augmentations;
using Contrastive.Methods;

namespace Contrastive.Runs;

/// <summary>BYOL (<see cref="Byol"/>): an online network with a predictor regresses a momentum target's projection of the other view.</summary>
internal sealed class ByolSpec : MethodSpec
{
    public override string Name => Byol.Id;

    public override IReadOnlyList<string> Options { get; } = [.. EncoderOptions, "hidden-dim", "momentum"];

    /// <summary>128: the predictor needs room.</summary>
    public override int ProjectionDim => 128;

    /// <summary>LARS, as Grill et al. 2020, which learned faster than SGD (BENCHMARKS.md, "Method defaults and why").</summary>
    public override string Optimizer => "lars";

    /// <summary>4.0 * B / 256 with LARS: a step of 0.4% of the weight norm at batch 256, close to the paper's ImageNet recipe (BENCHMARKS.md, "Method defaults and why").</summary>
    public override IReadOnlyList<LearningRateRule> LearningRateRules { get; } = [new(Byol.Id, "lars", "4.0*batch/256", (batch, _) => 4.0f * batch / 256f)];

    public override bool HasPredictor => true;

    /// <summary>BYOL's asymmetric pair of views (<see cref="AugmentationPresets.Byol"/>).</summary>
    public override AugmentationPipeline[] ImageViews(TrainConfig config, ImageGeometry geometry, float strength, bool flip)
    {
        var (first, second) = AugmentationPresets.Byol(geometry, geometry.Height, strength, flip);
        return [first, second];
    }

    public override ContrastiveMethod Create(MethodInputs inputs) => new Byol(inputs.Model, inputs.Twin, inputs.Momentum);
}
