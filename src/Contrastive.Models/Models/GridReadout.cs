using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// How a convolutional encoder turns its last feature map (N, C, H, W) into a representation: the R x K adaptive
/// average of the map, C R K-d and channel-major (1 x 1: the global average, C-d), which keeps a coarse layout of the
/// image for kNN and probes (K = 1: bands of rows averaged over all columns, as frequency bands over the time of a
/// spectrogram). The heads read one C-d vector whatever the grid: the mean of the R K cells (<see cref="HeadInput"/>),
/// so a grid changes what is evaluated, not what is trained.
/// </summary>
internal sealed class GridReadout
{
    private readonly int _channels;
    private readonly int _cells;

    /// <summary>Reads out a map of <paramref name="channels"/> channels over a <paramref name="rows"/> x
    /// <paramref name="columns"/> grid (columns default to rows: a square grid).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is below 1.</exception>
    public GridReadout(int channels, int rows, int? columns = null)
    {
        var cols = columns ?? rows;
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        (_channels, _cells) = (channels, rows * cols);
        Pool = _cells == 1 ? new GlobalAvgPool2d() : new GridAvgPool2d(rows, cols);
    }

    /// <summary>The pooling layer, (N, C, H, W) to (N, C R K).</summary>
    public Module Pool { get; }

    /// <summary>The size of the representation, C R K.</summary>
    public int OutputDim => _channels * _cells;

    /// <summary>The size of what the heads read, C.</summary>
    public int HeadInputDim => _channels;

    /// <summary>The mean of the representation's grid cells: (N, C R K) to (N, C); the representation itself for one cell.</summary>
    public Tensor HeadInput(Tensor representation)
    {
        ArgumentNullException.ThrowIfNull(representation);
        if (_cells == 1) return representation;
        var cells = Ops.Reshape(representation, representation.Size(0), _channels, _cells);
        return Ops.Mean(cells, 2);
    }
}
