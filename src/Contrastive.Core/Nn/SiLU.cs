using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>x * sigmoid(x) (<see cref="Ops.Silu"/>).</summary>
public sealed class SiLU : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Silu(input);
}
