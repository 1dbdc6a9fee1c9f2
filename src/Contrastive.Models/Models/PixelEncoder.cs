using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// CURL's pixel encoder (Srinivas et al. 2020), scaled to small frames: conv3x3 stride 2, conv3x3 stride 2 and conv3x3
/// stride 1 (32 channels each, ReLU after each), then the feature maps flattened, a Linear to <see cref="OutputDim"/>
/// and a LayerNorm. Unlike the image encoders that pool globally, the flattened maps keep where things are, which
/// is what a control state is made of.
/// </summary>
public sealed class PixelEncoder : Module, IEncoder
{
    private const int Channels = 32;
    private readonly Sequential _convs;
    private readonly Linear _fc;
    private readonly LayerNorm _norm;

    /// <summary>Creates the encoder for (N, <paramref name="inChannels"/>, <paramref name="size"/>, <paramref name="size"/>) inputs.</summary>
    /// <exception cref="ArgumentException">The input is too small for the convolutions, or a size is not positive.</exception>
    public PixelEncoder(Rng rng, int inChannels, int size, int outputDim = 50)
    {
        if (inChannels <= 0 || outputDim <= 0) throw new ArgumentException($"pixel encoder sizes must be positive, got {inChannels} channels, output {outputDim}");
        if (size < 15) throw new ArgumentException($"the pixel encoder needs frames of at least 15 x 15, got {size}");
        var mapSize = ((size - 3) / 2 + 1 - 3) / 2 + 1 - 2; // after the three unpadded convolutions
        _convs = RegisterModule("convs", new Sequential(
            new Conv2d(inChannels, Channels, kernelSize: 3, rng, stride: 2), new ReLU(),
            new Conv2d(Channels, Channels, kernelSize: 3, rng, stride: 2), new ReLU(),
            new Conv2d(Channels, Channels, kernelSize: 3, rng, stride: 1), new ReLU()));
        _fc = RegisterModule("fc", new Linear(Channels * mapSize * mapSize, outputDim, rng));
        _norm = RegisterModule("ln", new LayerNorm(outputDim));
        (InChannels, InputSize, OutputDim) = (inChannels, size, outputDim);
    }

    /// <summary>Channels of the input (stacked frames).</summary>
    public int InChannels { get; }

    /// <summary>Side of the square input.</summary>
    public int InputSize { get; }

    /// <inheritdoc />
    public int OutputDim { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != InChannels || input.Size(2) != InputSize || input.Size(3) != InputSize)
            throw new ArgumentException($"the pixel encoder takes (N, {InChannels}, {InputSize}, {InputSize}) inputs, got {Shapes.Format(input.Shape)}");
        var maps = _convs.Forward(input);
        return _norm.Forward(_fc.Forward(Ops.Reshape(maps, maps.Size(0), -1)));
    }
}
