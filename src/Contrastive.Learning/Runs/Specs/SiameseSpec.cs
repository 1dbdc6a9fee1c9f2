using Contrastive.Methods;
using Contrastive.Miners;

namespace Contrastive.Runs;

/// <summary>A Siamese network (<see cref="Siamese"/>): the contrastive loss over mined hard pairs.</summary>
internal sealed class SiameseSpec : MethodSpec
{
    public override string Name => Siamese.Id;

    public override IReadOnlyList<string> Options { get; } = [.. ProjectionOptions, "margin"];

    /// <summary>0.5 on normalised embeddings.</summary>
    public override float Margin => 0.5f;

    public override bool BalancesClasses => true;

    public override ContrastiveMethod Create(MethodInputs inputs) => new Siamese(inputs.Model, new HardPairMiner(), inputs.Margin);
}
