using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// Layer normalisation over the last dimension (PyTorch <c>nn.LayerNorm(d)</c>): state <c>weight</c> (ones)
/// and <c>bias</c> (zeros), shape (d).
/// </summary>
public sealed class LayerNorm : Module
{
    /// <summary>Creates the layer for a last dimension of size <paramref name="features"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public LayerNorm(int features, float eps = 1e-5f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        Eps = eps;
        Weight = RegisterParameter("weight", Tensor.Ones(features));
        Bias = RegisterParameter("bias", Tensor.Zeros(features));
    }

    /// <summary>The variance epsilon.</summary>
    public float Eps { get; }

    /// <summary>The scale gamma, shape (d).</summary>
    public Tensor Weight { get; }

    /// <summary>The shift beta, shape (d).</summary>
    public Tensor Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.LayerNorm(input, Weight, Bias, Eps);
}
