using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>The hyperbolic tangent (<see cref="Ops.Tanh"/>).</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Tanh(input);
}
