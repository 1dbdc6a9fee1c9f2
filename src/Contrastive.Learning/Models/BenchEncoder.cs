using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// The small ConvNet of the reference benchmark: three conv3x3 + BatchNorm + ReLU blocks (1->32 stride 1,
/// 32->64 stride 2, 64->128 stride 2) and global average pooling to a 128-d representation.
/// State keys <c>net.{0,1,2}.{0,1}.*</c> match the PyTorch model of BENCH_SPEC.md.
/// </summary>
public sealed class BenchEncoder : Module, IEncoder, IBatchNormFoldable
{
    private readonly Sequential _net;

    /// <summary>Creates the encoder for images with <paramref name="inChannels"/> channels.</summary>
    public BenchEncoder(Rng rng, int inChannels = 1)
    {
        _net = RegisterModule("net", new Sequential(
            Block(rng, inChannels, 32, 1),
            Block(rng, 32, 64, 2),
            Block(rng, 64, 128, 2)));
    }

    /// <inheritdoc />
    public int OutputDim => 128;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.GlobalAvgPool(_net.Forward(input));

    /// <inheritdoc />
    public Module FoldBatchNorm() => new Sequential([.. BatchNormFolding.FoldKnownLayers(_net.Layers), new GlobalAvgPool2d()]);

    private static Sequential Block(Rng rng, int inChannels, int outChannels, int stride) => new(
        new Conv2d(inChannels, outChannels, kernelSize: 3, stride: stride, padding: 1, bias: false, rng: rng),
        new BatchNorm2d(outChannels),
        new ReLU());
}
