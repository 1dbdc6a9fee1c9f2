using Contrastive.Methods;

namespace Contrastive.Runs;

/// <summary>Barlow Twins (<see cref="BarlowTwins"/>): the cross-correlation of the two views' projections driven to the identity.</summary>
internal sealed class BarlowTwinsSpec : MethodSpec
{
    public override string Name => BarlowTwins.Id;

    public override IReadOnlyList<string> Options { get; } = [.. ProjectionOptions, "lambda"];

    /// <summary>128: the decorrelation needs room.</summary>
    public override int ProjectionDim => 128;

    /// <summary>1.5 * B / 256 / D with SGD: the loss sums D diagonal terms of order 1, so its gradients are about D times
    /// larger than NT-Xent's (BENCHMARKS.md, "Method defaults and why").</summary>
    public override IReadOnlyList<LearningRateRule> LearningRateRules { get; } = [new(BarlowTwins.Id, "sgd", "1.5*batch/256/D", (batch, dim) => 1.5f * batch / 256f / dim)];

    public override ContrastiveMethod Create(MethodInputs inputs) => new BarlowTwins(inputs.Model, inputs.Config.Lambda ?? 1f / inputs.ProjectionDim);
}
