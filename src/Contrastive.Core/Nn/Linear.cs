using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// Fully connected layer y = x @ W^T + b (PyTorch <c>nn.Linear</c>): state <c>weight</c> (out, in) and,
/// when enabled, <c>bias</c> (out), both initialised U(-1/sqrt(in), 1/sqrt(in)) as PyTorch does.
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer, drawing the initial weight then bias from <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A feature count is not positive.</exception>
    public Linear(int inFeatures, int outFeatures, Rng rng, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Init.DefaultUniform(rng, inFeatures, outFeatures, inFeatures));
        if (bias) Bias = RegisterParameter("bias", Init.DefaultUniform(rng, inFeatures, outFeatures));
    }

    /// <summary>The number of input features.</summary>
    public int InFeatures { get; }

    /// <summary>The number of output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight, shape (out, in).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, shape (out), or null when the layer has none.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Linear(input, Weight, Bias);
}
