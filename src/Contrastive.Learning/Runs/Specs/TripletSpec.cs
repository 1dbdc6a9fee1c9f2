using Contrastive.Methods;

namespace Contrastive.Runs;

/// <summary>A triplet network (<see cref="TripletNetwork"/>): the triplet hinge over mined triplets, with a BNNeck projection.</summary>
internal sealed class TripletSpec : MethodSpec
{
    public override string Name => TripletNetwork.Id;

    public override IReadOnlyList<string> Options { get; } = [.. ProjectionOptions, "margin", "miner", "hard-negatives"];

    /// <summary>0.06 * sqrt(B / 256) with SGD: the loss is a mean over anchors, so its gradient does not grow with the batch,
    /// and the rate scales by the square root, 0.024 at batch-hard's 40 (BENCHMARKS.md, "Method defaults and why").</summary>
    public override IReadOnlyList<LearningRateRule> LearningRateRules { get; } = [new(TripletNetwork.Id, "sgd", "0.06*sqrt(batch/256)", (batch, _) => 0.06f * MathF.Sqrt(batch / 256f))];

    /// <summary>With batch-hard mining, Hermans et al.'s P x K batches with K = 4 images per class: 40 = 10 classes x 4
    /// (BENCHMARKS.md, "Method defaults and why").</summary>
    public override int? Batch(string miner) => miner == "batch-hard" ? 40 : null;

    /// <summary>The BNNeck: an affine-free batch norm ends the projection.</summary>
    public override bool NormalizesProjection => true;

    public override bool BalancesClasses => true;

    public override ContrastiveMethod Create(MethodInputs inputs) =>
        new TripletNetwork(inputs.Model, MethodFactory.CreateMiner(inputs.Config.Miner, inputs.ProjectionDim, inputs.Seed), inputs.Margin);
}
