using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>max(x, 0) (<see cref="Ops.Relu"/>).</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Relu(input);
}
