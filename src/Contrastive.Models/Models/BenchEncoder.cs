using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// The small ConvNet of the reference benchmark: three conv3x3 + BatchNorm + ReLU blocks (1->32 stride 1,
/// 32->64 stride 2, 64->128 stride 2) and average pooling. With a pool grid of 1 (the bench spec) the representation
/// is the global average, 128-d; with a grid of S it is the S x S adaptive average of the last feature map, 128 S^2-d
/// (<see cref="GridReadout"/>), while the heads still read one 128-d vector: the mean of the S^2 cells. State keys <c>net.{0,1,2}.{0,1}.*</c> match the PyTorch model of BENCH_SPEC.md
/// whatever the grid.
/// </summary>
public sealed class BenchEncoder : Module, IEncoder, IBatchNormFoldable
{
    private const int Channels = 128;
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
    /// <paramref name="readout"/> says (a rectangular grid, and whether the heads read all of it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side of the grid is below 1.</exception>
    public BenchEncoder(Rng rng, int inChannels, ReadoutGrid readout)
    {
        _readout = new GridReadout(Channels, readout);
        _net = RegisterModule("net", new Sequential(
            Block(rng, inChannels, 32, 1),
            Block(rng, 32, 64, 2),
            Block(rng, 64, Channels, 2)));
    }

    /// <inheritdoc />
    public int OutputDim => _readout.OutputDim;

    /// <inheritdoc />
    public int HeadInputDim => _readout.HeadInputDim;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => _readout.Pool.Forward(_net.Forward(input));

    /// <summary>What the heads read: the mean of the representation's grid cells, 128-d, or the whole grid.</summary>
    public Tensor HeadInput(Tensor representation) => _readout.HeadInput(representation);

    /// <inheritdoc />
    public Module FoldBatchNorm() => new Sequential([.. BatchNormFolding.FoldKnownLayers(_net.Layers), _readout.Pool]);

    private static Sequential Block(Rng rng, int inChannels, int outChannels, int stride) => new(
        new Conv2d(inChannels, outChannels, kernelSize: 3, stride: stride, padding: 1, bias: false, rng: rng),
        new BatchNorm2d(outChannels),
        new ReLU());
}
