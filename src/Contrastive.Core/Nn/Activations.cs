using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>max(x, 0) (<see cref="Ops.Relu"/>).</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Relu(input);
}

/// <summary>x for x &gt; 0, else slope * x (<see cref="Ops.LeakyRelu"/>).</summary>
/// <param name="negativeSlope">The slope for negative inputs (PyTorch's default 0.01).</param>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module
{
    /// <summary>The slope for negative inputs.</summary>
    public float NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.LeakyRelu(input, NegativeSlope);
}

/// <summary>The Gaussian error linear unit (<see cref="Ops.Gelu"/>).</summary>
/// <param name="approximation">Exact erf form (default) or the tanh approximation.</param>
public sealed class GELU(GeluApproximation approximation = GeluApproximation.None) : Module
{
    /// <summary>How the Gaussian CDF is evaluated.</summary>
    public GeluApproximation Approximation { get; } = approximation;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Gelu(input, Approximation);
}

/// <summary>The hyperbolic tangent (<see cref="Ops.Tanh"/>).</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Tanh(input);
}

/// <summary>The logistic sigmoid (<see cref="Ops.Sigmoid"/>).</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Sigmoid(input);
}

/// <summary>x * sigmoid(x) (<see cref="Ops.Silu"/>).</summary>
public sealed class SiLU : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Silu(input);
}
