using Contrastive.Methods;

namespace Contrastive.Runs;

/// <summary>MoCo v2 (<see cref="MoCo"/>): InfoNCE against a queue of keys from a momentum encoder.</summary>
internal sealed class MoCoSpec : MethodSpec
{
    public override string Name => MoCo.Id;

    public override IReadOnlyList<string> Options { get; } = [.. ProjectionOptions, "temperature", "momentum", "queue-size", "grad-cache-chunk"];

    /// <summary>MoCo v2's 0.2.</summary>
    public override float Temperature => 0.2f;

    public override ContrastiveMethod Create(MethodInputs inputs) =>
        new MoCo(inputs.Model, inputs.Twin, inputs.ProjectionDim, inputs.Seed, inputs.Config.QueueSize, inputs.Temperature, inputs.Momentum) { GradCache = inputs.GradCache };
}
