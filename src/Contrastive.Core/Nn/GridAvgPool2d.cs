using Contrastive.Tensors;

namespace Contrastive.Nn;

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
