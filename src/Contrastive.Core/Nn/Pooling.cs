using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>Max pooling (PyTorch <c>nn.MaxPool2d</c>); no state.</summary>
/// <param name="kernel">The square window size.</param>
/// <param name="stride">The stride; defaults to the kernel size.</param>
/// <param name="padding">Implicit -infinity padding on every side (at most kernel / 2).</param>
public sealed class MaxPool2d(int kernel, int? stride = null, int padding = 0) : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.MaxPool2d(input, kernel, stride, padding);
}

/// <summary>Average pooling with count_include_pad = True (PyTorch <c>nn.AvgPool2d</c>); no state.</summary>
/// <param name="kernel">The square window size.</param>
/// <param name="stride">The stride; defaults to the kernel size.</param>
/// <param name="padding">Zero padding on every side (at most kernel / 2), counted in the divisor.</param>
public sealed class AvgPool2d(int kernel, int? stride = null, int padding = 0) : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.AvgPool2d(input, kernel, stride, padding);
}

/// <summary>Global average pooling (N, C, H, W) to (N, C), as <c>x.mean(dim=(2, 3))</c>; no state.</summary>
public sealed class GlobalAvgPool2d : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.GlobalAvgPool(input);
}
