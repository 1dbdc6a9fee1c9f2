using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// How a convolutional encoder turns its last feature map (N, C, H, W) into a representation: the R x K adaptive
/// average of the map, C R K-d and channel-major (1 x 1: the global average, C-d), which keeps a coarse layout of the
/// image for kNN and probes (K = 1: bands of rows averaged over all columns, as frequency bands over the time of a
/// spectrogram). The heads read one C-d vector whatever the grid, the mean of the R K cells (<see cref="HeadInput"/>), so a
/// grid changes what is evaluated, not what is trained; or, with <see cref="ReadoutGrid.HeadReadsGrid"/>, the whole grid.
/// </summary>
internal sealed class GridReadout
{
    private readonly int _channels;
    private readonly int _cells;
    private readonly bool _headReadsGrid;

    /// <summary>Reads out a map of <paramref name="channels"/> channels as <paramref name="grid"/> says.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side of the grid is below 1.</exception>
    public GridReadout(int channels, ReadoutGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(grid.Rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(grid.ColumnCount, 1);
        (_channels, _cells, _headReadsGrid) = (channels, grid.Rows * grid.ColumnCount, grid.HeadReadsGrid);
        Pool = _cells == 1 ? new GlobalAvgPool2d() : new GridAvgPool2d(grid.Rows, grid.ColumnCount);
    }

    /// <summary>The pooling layer, (N, C, H, W) to (N, C R K).</summary>
    public Module Pool { get; }

    /// <summary>The size of the representation, C R K.</summary>
    public int OutputDim => _channels * _cells;

    /// <summary>The size of what the heads read: C, or C R K when they read the whole grid.</summary>
    public int HeadInputDim => _headReadsGrid ? OutputDim : _channels;

    /// <summary>The mean of the representation's grid cells, (N, C R K) to (N, C); the representation itself for one cell
    /// or when the heads read the whole grid.</summary>
    public Tensor HeadInput(Tensor representation)
    {
        ArgumentNullException.ThrowIfNull(representation);
        if (_cells == 1 || _headReadsGrid) return representation;
        var cells = Ops.Reshape(representation, representation.Size(0), _channels, _cells);
        return Ops.Mean(cells, 2);
    }
}
