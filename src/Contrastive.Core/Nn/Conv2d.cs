using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// 2-D convolution layer (PyTorch <c>nn.Conv2d</c> with square kernel, no dilation, one group): state
/// <c>weight</c> (out, in, k, k) and, when enabled, <c>bias</c> (out), both initialised
/// U(-1/sqrt(in*k*k), 1/sqrt(in*k*k)) as PyTorch does.
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer, drawing the initial weight then bias from <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the padding is negative.</exception>
    public Conv2d(int inChannels, int outChannels, int kernelSize, Rng rng, int stride = 1, int padding = 0, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        var fanIn = inChannels * kernelSize * kernelSize;
        Weight = RegisterParameter("weight", Init.DefaultUniform(rng, fanIn, outChannels, inChannels, kernelSize, kernelSize));
        if (bias) Bias = RegisterParameter("bias", Init.DefaultUniform(rng, fanIn, outChannels));
    }

    /// <summary>The number of input channels.</summary>
    public int InChannels { get; }

    /// <summary>The number of output channels.</summary>
    public int OutChannels { get; }

    /// <summary>The kernel height and width.</summary>
    public int KernelSize { get; }

    /// <summary>The stride in both directions.</summary>
    public int Stride { get; }

    /// <summary>The zero padding on every side.</summary>
    public int Padding { get; }

    /// <summary>The weight, shape (out, in, k, k).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, shape (out), or null when the layer has none.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Conv2d(input, Weight, Bias, Stride, Padding);
}
