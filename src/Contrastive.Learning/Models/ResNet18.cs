using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// A CIFAR-style ResNet-18 (He et al. 2016, as used by SimCLR for small images): a 3x3 stride-1 stem without
/// max-pooling, four stages of two basic blocks (widths w, 2w, 4w, 8w; strides 1, 2, 2, 2) and global average
/// pooling. State keys follow torchvision (<c>conv1, bn1, layer1.0.conv1, ..., layer2.0.downsample.0</c>).
/// </summary>
public sealed class ResNet18 : Module, IEncoder, IBatchNormFoldable
{
    private readonly Conv2d _stem;
    private readonly BatchNorm2d _stemNorm;
    private readonly Sequential[] _stages;

    /// <summary>Creates the network; <paramref name="width"/> 64 is the standard model.</summary>
    public ResNet18(Rng rng, int inChannels = 3, int width = 64)
    {
        _stem = RegisterModule("conv1", new Conv2d(inChannels, width, kernelSize: 3, stride: 1, padding: 1, bias: false, rng: rng));
        _stemNorm = RegisterModule("bn1", new BatchNorm2d(width));
        _stages = new Sequential[4];
        var channels = width;
        for (var s = 0; s < 4; s++)
        {
            var outChannels = width << s;
            var stride = s == 0 ? 1 : 2;
            _stages[s] = RegisterModule($"layer{s + 1}", new Sequential(
                new BasicBlock(rng, channels, outChannels, stride),
                new BasicBlock(rng, outChannels, outChannels, 1)));
            channels = outChannels;
        }
        OutputDim = channels;
    }

    /// <inheritdoc />
    public int OutputDim { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var x = Ops.Relu(_stemNorm.Forward(_stem.Forward(input)));
        foreach (var stage in _stages) x = stage.Forward(x);
        return Ops.GlobalAvgPool(x);
    }

    /// <inheritdoc />
    public Module FoldBatchNorm() => new Sequential([BatchNormFolding.Conv(_stem, _stemNorm, relu: true),
        .. BatchNormFolding.FoldKnownLayers(_stages), new GlobalAvgPool2d()]);

    /// <summary>Two 3x3 conv + BN layers with an identity (or 1x1 conv + BN) shortcut: relu(F(x) + shortcut(x)).</summary>
    private sealed class BasicBlock : Module, IBatchNormFoldable
    {
        private readonly Conv2d _conv1, _conv2;
        private readonly BatchNorm2d _bn1, _bn2;
        private readonly Sequential? _downsample;

        public BasicBlock(Rng rng, int inChannels, int outChannels, int stride)
        {
            _conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, kernelSize: 3, stride: stride, padding: 1, bias: false, rng: rng));
            _bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
            _conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, kernelSize: 3, stride: 1, padding: 1, bias: false, rng: rng));
            _bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
            if (stride != 1 || inChannels != outChannels)
                _downsample = RegisterModule("downsample", new Sequential(
                    new Conv2d(inChannels, outChannels, kernelSize: 1, stride: stride, padding: 0, bias: false, rng: rng),
                    new BatchNorm2d(outChannels)));
        }

        public override Tensor Forward(Tensor input)
        {
            var residual = _bn2.Forward(_conv2.Forward(Ops.Relu(_bn1.Forward(_conv1.Forward(input)))));
            var shortcut = _downsample?.Forward(input) ?? input;
            return Ops.Relu(Ops.Add(residual, shortcut));
        }

        public Module FoldBatchNorm() => new FusedResidual(
            new Sequential(BatchNormFolding.Conv(_conv1, _bn1, relu: true), BatchNormFolding.Conv(_conv2, _bn2, relu: false)),
            _downsample is null ? null : BatchNormFolding.Conv((Conv2d)_downsample.Layers[0], (BatchNorm2d)_downsample.Layers[1], relu: false));
    }
}
