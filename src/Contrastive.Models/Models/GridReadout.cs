using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// How a convolutional encoder turns its last feature map (N, C, H, W) into a representation: the S x S adaptive
/// average of the map, C S^2-d and channel-major (S = 1: the global average, C-d), which keeps a coarse layout of the
/// image for kNN and probes. The heads read one C-d vector whatever the grid: the mean of the S^2 cells
/// (<see cref="HeadInput"/>), so a grid changes what is evaluated, not what is trained.
/// </summary>
internal sealed class GridReadout
{
    private readonly int _channels;
    private readonly int _grid;

    /// <summary>Reads out a map of <paramref name="channels"/> channels over a <paramref name="grid"/> x <paramref name="grid"/> grid.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grid"/> is below 1.</exception>
    public GridReadout(int channels, int grid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grid, 1);
        (_channels, _grid) = (channels, grid);
        Pool = grid == 1 ? new GlobalAvgPool2d() : new GridAvgPool2d(grid);
    }

    /// <summary>The pooling layer, (N, C, H, W) to (N, C S^2).</summary>
    public Module Pool { get; }

    /// <summary>The size of the representation, C S^2.</summary>
    public int OutputDim => _channels * _grid * _grid;

    /// <summary>The size of what the heads read, C.</summary>
    public int HeadInputDim => _channels;

    /// <summary>The mean of the representation's grid cells: (N, C S^2) to (N, C); the representation itself for S = 1.</summary>
    public Tensor HeadInput(Tensor representation)
    {
        ArgumentNullException.ThrowIfNull(representation);
        if (_grid == 1) return representation;
        var cells = Ops.Reshape(representation, representation.Size(0), _channels, _grid * _grid);
        return Ops.Mean(cells, 2);
    }
}
