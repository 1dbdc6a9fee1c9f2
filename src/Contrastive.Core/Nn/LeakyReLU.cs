using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>x for x &gt; 0, else slope * x (<see cref="Ops.LeakyRelu"/>).</summary>
/// <param name="negativeSlope">The slope for negative inputs (PyTorch's default 0.01).</param>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module
{
    /// <summary>The slope for negative inputs.</summary>
    public float NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.LeakyRelu(input, NegativeSlope);
}
