using Contrastive.Methods;

namespace Contrastive.Runs;

/// <summary>Supervised contrastive learning (<see cref="SupCon"/>): every same-class view in the batch is a positive. It keeps
/// the default temperature 0.5, not the paper's 0.1, tuned for 1,000-epoch ImageNet runs (BENCHMARKS.md, "Method defaults and why").</summary>
internal sealed class SupConSpec : MethodSpec
{
    public override string Name => SupCon.Id;

    public override IReadOnlyList<string> Options { get; } = [.. ProjectionOptions, "temperature"];

    public override bool BalancesClasses => true;

    public override ContrastiveMethod Create(MethodInputs inputs) => new SupCon(inputs.Model, inputs.Temperature);
}
