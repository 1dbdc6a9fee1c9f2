using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>The Gaussian error linear unit (<see cref="Ops.Gelu"/>).</summary>
/// <param name="approximation">Exact erf form (default) or the tanh approximation.</param>
public sealed class GELU(GeluApproximation approximation = GeluApproximation.None) : Module
{
    /// <summary>How the Gaussian CDF is evaluated.</summary>
    public GeluApproximation Approximation { get; } = approximation;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Gelu(input, Approximation);
}
