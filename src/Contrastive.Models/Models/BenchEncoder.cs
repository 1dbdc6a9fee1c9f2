using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// The small ConvNet of the reference benchmark: three conv3x3 + BatchNorm + ReLU blocks (1->32 stride 1,
/// 32->64 stride 2, 64->128 stride 2) and average pooling; a width multiplier w scales every block's channels
/// (32w, 64w, 128w). With a pool grid of 1 (the bench spec) the representation is the global average, 128w-d; with a
/// grid of S it is the S x S adaptive average of the last feature map, 128w S^2-d (<see cref="GridReadout"/>), while
/// the heads still read one 128w-d vector: the mean of the S^2 cells. State keys <c>net.{0,1,2}.{0,1}.*</c> match the
/// PyTorch model of BENCH_SPEC.md whatever the grid and width; an adapter (<see cref="ReadoutGrid.Adapter"/>) adds <c>adapter.*</c>.
/// </summary>
public sealed class BenchEncoder : Module, IEncoder, IBatchNormFoldable
{
    /// <summary>The largest width multiplier accepted.</summary>
    public const int MaxWidth = 4;

    private readonly Sequential _net;
    private readonly GridReadout _readout;

    /// <summary>Creates the encoder for images with <paramref name="inChannels"/> channels, pooled to a
    /// <paramref name="poolGrid"/> x <paramref name="poolGrid"/> grid.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="poolGrid"/> is below 1.</exception>
    public BenchEncoder(Rng rng, int inChannels = 1, int poolGrid = 1)
        : this(rng, inChannels, new ReadoutGrid(poolGrid))
    {
    }

    /// <summary>Creates the encoder for images with <paramref name="inChannels"/> channels, read out as
    /// <paramref name="readout"/> says (a rectangular grid, and whether the heads read all of it), its channels
    /// multiplied by <paramref name="width"/> (1: the bench spec's 32-64-128).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side of the grid is below 1, or the width outside [1, <see cref="MaxWidth"/>].</exception>
    public BenchEncoder(Rng rng, int inChannels, ReadoutGrid readout, int width = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxWidth);
        _net = RegisterModule("net", new Sequential(
            Block(rng, inChannels, 32 * width, 1),
            Block(rng, 32 * width, 64 * width, 2),
            Block(rng, 64 * width, 128 * width, 2)));
        _readout = new GridReadout(128 * width, readout, rng);
        if (_readout.Adapter is not null) RegisterModule("adapter", _readout.Adapter);
    }

    /// <inheritdoc />
    public int OutputDim => _readout.OutputDim;

    /// <inheritdoc />
    public Module? Adapter => _readout.Adapter;

    /// <inheritdoc />
    public int HeadInputDim => _readout.HeadInputDim;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => _readout.Forward(_net.Forward(input));

    /// <summary>What the heads read: the mean of the representation's grid cells, 128w-d, or the whole grid.</summary>
    public Tensor HeadInput(Tensor representation) => _readout.HeadInput(representation);

    /// <inheritdoc />
    public Module FoldBatchNorm() => new Sequential([.. BatchNormFolding.FoldKnownLayers([.. _net.Layers, .. _readout.Layers])]);

    private static Sequential Block(Rng rng, int inChannels, int outChannels, int stride) => new(
        new Conv2d(inChannels, outChannels, kernelSize: 3, stride: stride, padding: 1, bias: false, rng: rng),
        new BatchNorm2d(outChannels),
        new ReLU());
}
