namespace Contrastive.Tensors;

/// <summary>How <see cref="Ops.Gelu"/> evaluates the Gaussian CDF.</summary>
public enum GeluApproximation
{
    /// <summary>Exact: x * Phi(x) with Phi(x) = (1 + erf(x / sqrt 2)) / 2 (PyTorch's default).</summary>
    None,

    /// <summary>x/2 * (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) (PyTorch's <c>approximate="tanh"</c>).</summary>
    Tanh,
}
