using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// How a convolutional encoder turns its last feature map (N, C, H, W) into a representation: the R x K adaptive
/// average of the map, C R K-d and channel-major (1 x 1: the global average, C-d), which keeps a coarse layout of the
/// image for kNN and probes (K = 1: bands of rows averaged over all columns, as frequency bands over the time of a
/// spectrogram). The heads read one C-d vector whatever the grid, the mean of the R K cells (<see cref="HeadInput"/>), so a
/// grid changes what is evaluated, not what is trained; or, with <see cref="ReadoutGrid.HeadReadsGrid"/>, the whole grid.
/// With <see cref="ReadoutGrid.Adapter"/> a trained layer on the whole grid (<see cref="Adapter"/>) gives the
/// representation, which the heads read as it is.
/// </summary>
internal sealed class GridReadout
{
    private readonly int _channels;
    private readonly int _cells;
    private readonly bool _headReadsGrid;
    private readonly int _adapterWidth;

    /// <summary>Reads out a map of <paramref name="channels"/> channels as <paramref name="grid"/> says; <paramref name="rng"/>
    /// initialises the adapter, if the grid has one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side of the grid is below 1 or the adapter's width negative.</exception>
    public GridReadout(int channels, ReadoutGrid grid, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(grid.Rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(grid.ColumnCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(grid.Adapter);
        (_channels, _cells, _headReadsGrid, _adapterWidth) = (channels, grid.Rows * grid.ColumnCount, grid.HeadReadsGrid, grid.Adapter);
        Pool = _cells == 1 ? new GlobalAvgPool2d() : new GridAvgPool2d(grid.Rows, grid.ColumnCount);
        if (_adapterWidth > 0) Adapter = new Sequential(new Linear(PooledDim, _adapterWidth, bias: false, rng: rng), new BatchNorm1d(_adapterWidth), new ReLU());
    }

    /// <summary>The pooling layer, (N, C, H, W) to (N, C R K).</summary>
    public Module Pool { get; }

    /// <summary>The trained layer on the pooled grid, (N, C R K) to (N, A), or null (<see cref="ReadoutGrid.Adapter"/>);
    /// the encoder registers it as <c>adapter</c>.</summary>
    public Sequential? Adapter { get; }

    /// <summary>The read-out's layers in order: the pooling, then the adapter if there is one.</summary>
    public IReadOnlyList<Module> Layers => Adapter is null ? [Pool] : [Pool, Adapter];

    /// <summary>The size of the representation: C R K, or the adapter's width.</summary>
    public int OutputDim => _adapterWidth > 0 ? _adapterWidth : PooledDim;

    /// <summary>The size of what the heads read: C, or the representation's size when they read the whole grid or the adapter.</summary>
    public int HeadInputDim => _headReadsGrid || Adapter is not null ? OutputDim : _channels;

    private int PooledDim => _channels * _cells;

    /// <summary>The representation of the last feature map (N, C, H, W): pooled, then adapted.</summary>
    public Tensor Forward(Tensor map)
    {
        var pooled = Pool.Forward(map);
        return Adapter is null ? pooled : Intermediates.Recycle(pooled, Adapter.Forward(pooled));
    }

    /// <summary>The mean of the representation's grid cells, (N, C R K) to (N, C); the representation itself for one cell,
    /// when the heads read the whole grid, or when an adapter gave it.</summary>
    public Tensor HeadInput(Tensor representation)
    {
        ArgumentNullException.ThrowIfNull(representation);
        if (_cells == 1 || _headReadsGrid || Adapter is not null) return representation;
        var cells = Ops.Reshape(representation, representation.Size(0), _channels, _cells);
        return Ops.Mean(cells, 2);
    }
}
