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
