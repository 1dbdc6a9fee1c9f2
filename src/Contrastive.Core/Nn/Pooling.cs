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

/// <summary>
/// Grid average pooling (N, C, H, W) to (N, C * S * S): adaptive average pooling to an S x S grid
/// (<see cref="Ops.AdaptiveAvgPool2d"/>, PyTorch's <c>adaptive_avg_pool2d(x, S).flatten(1)</c>), channel-major; no state.
/// </summary>
/// <param name="size">The grid side S (1: global average pooling).</param>
public sealed class GridAvgPool2d(int size) : Module
{
    /// <summary>The grid side S.</summary>
    public int Size { get; } = size >= 1 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "the grid side must be at least 1");

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var pooled = Ops.AdaptiveAvgPool2d(input, Size);
        return Ops.Reshape(pooled, pooled.Size(0), pooled.Size(1) * Size * Size);
    }
}
