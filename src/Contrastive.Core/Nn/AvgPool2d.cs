using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>Average pooling with count_include_pad = True (PyTorch <c>nn.AvgPool2d</c>); no state.</summary>
/// <param name="kernel">The square window size.</param>
/// <param name="stride">The stride; defaults to the kernel size.</param>
/// <param name="padding">Zero padding on every side (at most kernel / 2), counted in the divisor.</param>
public sealed class AvgPool2d(int kernel, int? stride = null, int padding = 0) : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.AvgPool2d(input, kernel, stride, padding);
}
