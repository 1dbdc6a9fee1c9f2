using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>The logistic sigmoid (<see cref="Ops.Sigmoid"/>).</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Sigmoid(input);
}
