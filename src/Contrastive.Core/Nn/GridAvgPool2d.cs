using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// Grid average pooling (N, C, H, W) to (N, C * R * K): adaptive average pooling to an R x K grid
/// (<see cref="Ops.AdaptiveAvgPool2d(Tensor, int, int)"/>, PyTorch's <c>adaptive_avg_pool2d(x, (R, K)).flatten(1)</c>),
/// channel-major; no state.
/// </summary>
public sealed class GridAvgPool2d : Module
{
    /// <summary>Pools to a <paramref name="rows"/> x <paramref name="columns"/> grid (1 x 1: global average pooling).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is below 1.</exception>
    public GridAvgPool2d(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        (Rows, Columns) = (rows, columns);
    }

    /// <summary>The grid's rows R.</summary>
    public int Rows { get; }

    /// <summary>The grid's columns K.</summary>
    public int Columns { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var pooled = Ops.AdaptiveAvgPool2d(input, Rows, Columns);
        return Ops.Reshape(pooled, pooled.Size(0), pooled.Size(1) * Rows * Columns);
    }
}
