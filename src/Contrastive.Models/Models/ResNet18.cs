using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// A ResNet-18 (He et al. 2016): a stem (<see cref="ResNetStem"/>; CIFAR-style by default, as used by SimCLR for
/// small images), four stages of two basic blocks (widths w, 2w, 4w, 8w; strides 1, 2, 2, 2) and average pooling
/// (<see cref="GridReadout"/>: global by default, with an optional trained <c>adapter</c>). State keys follow torchvision (<c>conv1, bn1, layer1.0.conv1, ...,
/// layer2.0.downsample.0</c>). The number of blocks per stage can be changed (the ImageNet model of
/// <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> has three in its last stage), and so can the number of stages: a
/// network of the first one to three stages is a truncated ResNet, read out where its last kept stage ends.
/// </summary>
public sealed class ResNet18 : Module, IBlockEncoder, IBatchNormFoldable
{
    private readonly Conv2d _stem;
    private readonly BatchNorm2d _stemNorm;
    private readonly MaxPool2d? _stemPool;
    private readonly Sequential[] _stages;
    private readonly GridReadout _readout;

    /// <summary>Creates the network; <paramref name="width"/> 64 is the standard model, <paramref name="blocksPerStage"/>
    /// (default 2, 2, 2, 2) the number of basic blocks in each stage (one to four stages), <paramref name="readout"/>
    /// the read-out of the last stage's map (default: global pooling).</summary>
    /// <exception cref="ArgumentException"><paramref name="blocksPerStage"/> is not one to four positive counts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A side of the read-out grid is below 1.</exception>
    public ResNet18(Rng rng, int inChannels = 3, int width = 64, ResNetStem stem = ResNetStem.Cifar, IReadOnlyList<int>? blocksPerStage = null, ReadoutGrid? readout = null)
    {
        blocksPerStage ??= [2, 2, 2, 2];
        if (blocksPerStage.Count is < 1 or > 4 || blocksPerStage.Any(b => b <= 0))
            throw new ArgumentException($"a ResNet has one to four stages of at least one block, got [{string.Join(", ", blocksPerStage)}]", nameof(blocksPerStage));
        Stem = stem;
        _stem = RegisterModule("conv1", stem == ResNetStem.ImageNet
            ? new Conv2d(inChannels, width, kernelSize: 7, stride: 2, padding: 3, bias: false, rng: rng)
            : new Conv2d(inChannels, width, kernelSize: 3, stride: 1, padding: 1, bias: false, rng: rng));
        _stemNorm = RegisterModule("bn1", new BatchNorm2d(width));
        if (stem == ResNetStem.ImageNet) _stemPool = RegisterModule("maxpool", new MaxPool2d(3, 2, 1));
        _stages = new Sequential[blocksPerStage.Count];
        var channels = width;
        for (var s = 0; s < _stages.Length; s++)
        {
            var outChannels = width << s;
            var stride = s == 0 ? 1 : 2;
            _stages[s] = RegisterModule($"layer{s + 1}", new Sequential(new BasicBlock(rng, channels, outChannels, stride)));
            for (var b = 1; b < blocksPerStage[s]; b++) _stages[s].Add(new BasicBlock(rng, outChannels, outChannels, 1));
            channels = outChannels;
        }
        _readout = new GridReadout(channels, readout ?? ReadoutGrid.Global, rng);
        if (_readout.Adapter is not null) RegisterModule("adapter", _readout.Adapter);
    }

    /// <inheritdoc />
    public int OutputDim => _readout.OutputDim;

    /// <inheritdoc />
    public Module? Adapter => _readout.Adapter;

    /// <inheritdoc />
    public int HeadInputDim => _readout.HeadInputDim;

    /// <summary>The stem this network was made with.</summary>
    public ResNetStem Stem { get; }

    /// <summary>The stages (torchvision's <c>layer1</c> to <c>layer4</c>, or the first of them) of basic blocks.</summary>
    public IReadOnlyList<Sequential> Stages => _stages;

    /// <inheritdoc />
    public IReadOnlyList<Module> Blocks => [.. _stages.SelectMany(stage => stage.Layers)];

    /// <summary>The stem's convolution and batch norm (<c>conv1</c>, <c>bn1</c>).</summary>
    internal (Conv2d Conv, BatchNorm2d Norm) StemLayers => (_stem, _stemNorm);

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        // Without a graph (frozen layers, inference) each intermediate is recycled once the next layer has read it.
        var stem = _stem.Forward(input);
        var x = Intermediates.Recycle(stem, _stemNorm.ForwardRelu(stem));
        if (_stemPool is not null) x = Intermediates.Recycle(x, _stemPool.Forward(x));
        foreach (var stage in _stages) x = Intermediates.Recycle(x, stage.Forward(x));
        return Intermediates.Recycle(x, _readout.Forward(x));
    }

    /// <summary>The mean of the representation's grid cells (the global average for a grid of 1).</summary>
    public Tensor HeadInput(Tensor representation) => _readout.HeadInput(representation);

    /// <inheritdoc />
    public Module FoldBatchNorm() => new Sequential([BatchNormFolding.Conv(_stem, _stemNorm, relu: true),
        .. _stemPool is null ? Array.Empty<Module>() : [_stemPool],
        .. BatchNormFolding.FoldKnownLayers([.. _stages, .. _readout.Layers])]);

    /// <summary>Two 3x3 conv + BN layers with an identity (or 1x1 conv + BN) shortcut: relu(F(x) + shortcut(x)).</summary>
    internal sealed class BasicBlock : Module, IBatchNormFoldable
    {
        private readonly Conv2d _conv1, _conv2;
        private readonly BatchNorm2d _bn1, _bn2;
        private readonly Sequential? _downsample;

        /// <summary>The residual branch's layers in order, and the shortcut's convolution and batch norm if it has one.</summary>
        public (Conv2d Conv1, BatchNorm2d Bn1, Conv2d Conv2, BatchNorm2d Bn2, (Conv2d Conv, BatchNorm2d Norm)? Shortcut) Layers =>
            (_conv1, _bn1, _conv2, _bn2, _downsample is null ? null : ((Conv2d)_downsample.Layers[0], (BatchNorm2d)_downsample.Layers[1]));

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
            var h = _conv1.Forward(input);
            var a = Intermediates.Recycle(h, _bn1.ForwardRelu(h));
            var c = Intermediates.Recycle(a, _conv2.Forward(a));
            var residual = Intermediates.Recycle(c, _bn2.Forward(c));
            if (_downsample is null) return InPlace.AddRelu(residual, input);
            var shortcut = _downsample.Forward(input);
            return Intermediates.Recycle(shortcut, InPlace.AddRelu(residual, shortcut));
        }

        public Module FoldBatchNorm() => new FusedResidual(
            new Sequential(BatchNormFolding.Conv(_conv1, _bn1, relu: true), BatchNormFolding.Conv(_conv2, _bn2, relu: false)),
            _downsample is null ? null : BatchNormFolding.Conv((Conv2d)_downsample.Layers[0], (BatchNorm2d)_downsample.Layers[1], relu: false));
    }
}
