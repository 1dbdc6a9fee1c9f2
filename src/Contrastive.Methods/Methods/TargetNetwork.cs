using Contrastive.Models;
using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// A slowly moving copy of the online encoder and head (MoCo's key encoder, BYOL's target): it starts equal to
/// the online weights, receives no gradient, and follows them by an exponential moving average,
/// theta_target = m * theta_target + (1 - m) * theta_online.
/// </summary>
internal sealed class TargetNetwork
{
    public TargetNetwork(EmbeddingModel online, Func<EmbeddingModel> createTwin)
    {
        Model = createTwin();
        var onlineState = online.StateEntries().ToDictionary(e => e.Name, e => e.Tensor);
        Model.LoadState(Model.StateEntries().ToDictionary(e => e.Name, e => onlineState[e.Name]));
        foreach (var p in Model.Parameters()) p.RequiresGrad = false;
    }

    /// <summary>The target model (no predictor).</summary>
    public EmbeddingModel Model { get; }

    /// <summary>Projections of <paramref name="input"/> without recording a graph.</summary>
    public Tensor Project(Tensor input)
    {
        using var _ = Autograd.NoGrad();
        return Model.Forward(input);
    }

    /// <summary>Moves the target toward the online model with momentum <paramref name="momentum"/>.</summary>
    public void Update(EmbeddingModel online, float momentum) => Ema.Update(Model, online, momentum);

    /// <summary>The target's state for checkpoints, prefixed <c>target.</c>.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> State() => Model.StateEntries().Select(e => ("target." + e.Name, e.Tensor));
}
