using Contrastive.Import;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// ImageNet ResNet-18 as a pre-trained image encoder: <see cref="ImageNetInput"/> (resize to
/// <see cref="InputSize"/>, grey to three channels, BGR minus the mean image) then a <see cref="ResNet18"/> with
/// torchvision's ImageNet stem and the package's block layout (2, 2, 2 and 3 basic blocks: its last stage has one
/// more than torchvision's), 512-d output; or the first stages of it (<see cref="BackboneShape"/>), read out over a grid (<see cref="ReadoutGrid"/>).
/// <see cref="Pretrained"/> imports the weights of NuGet
/// <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>; the constructor makes the same architecture with random weights
/// (to load a run into). State keys: <c>preprocess.mean</c>, <c>backbone.conv1.weight</c>, ... (torchvision's under
/// <c>backbone.</c>).
/// </summary>
public sealed class ImageNetResNet18 : Module, IBlockEncoder
{
    /// <summary>The backbone's name on the command line.</summary>
    public const string Name = "resnet18-imagenet";

    /// <summary>The input size the ImageNet weights were trained at.</summary>
    public const int NativeSize = 224;

    private static readonly int[] s_blocksPerStage = [2, 2, 2, 3];
    private readonly ImageNetInput _preprocess;
    private readonly ResNet18 _backbone;

    /// <summary>Creates the architecture of <paramref name="shape"/> read out as <paramref name="readout"/> says (default:
    /// global pooling), random weights and a zero mean image.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field of <paramref name="shape"/> or a side of the grid is out of range.</exception>
    public ImageNetResNet18(BackboneShape shape, Rng rng, ReadoutGrid? readout = null)
        : this(new ImageNetInput(Validated(shape).InputSize, Tensor.Zeros(3, 1, 1)), Backbone(shape, readout, rng))
    {
    }

    private ImageNetResNet18(ImageNetInput preprocess, ResNet18 backbone)
    {
        _preprocess = RegisterModule("preprocess", preprocess);
        _backbone = RegisterModule("backbone", backbone);
    }

    /// <summary>The ImageNet-trained network from the restored NuGet package, in <paramref name="shape"/> (default: whole,
    /// at 224 pixels), read out as <paramref name="readout"/> says (default: global pooling).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field of <paramref name="shape"/> or a side of the grid is out of range.</exception>
    /// <exception cref="FileNotFoundException">The package is not restored on this machine.</exception>
    /// <exception cref="InvalidDataException">Its files do not map onto this architecture.</exception>
    public static ImageNetResNet18 Pretrained(BackboneShape? shape = null, ReadoutGrid? readout = null)
    {
        shape = Validated(shape ?? BackboneShape.Whole(NativeSize));
        var backbone = Backbone(shape, readout, new Rng(0));
        ResNetImporter.Import(OnnxModel.Load(PackageFiles.ResNet18.Locate()), backbone);
        var mean = MeanImage(OnnxModel.Load(PackageFiles.ResNetPreprocess.Locate()));
        return new ImageNetResNet18(new ImageNetInput(shape.InputSize, mean), backbone);
    }

    /// <summary>The side of the square images the backbone sees.</summary>
    public int InputSize => _preprocess.Size;

    /// <inheritdoc />
    public int OutputDim => _backbone.OutputDim;

    /// <inheritdoc />
    public Module? Adapter => _backbone.Adapter;

    /// <inheritdoc />
    public int HeadInputDim => _backbone.HeadInputDim;

    /// <inheritdoc />
    public Tensor HeadInput(Tensor representation) => _backbone.HeadInput(representation);

    /// <inheritdoc />
    public IReadOnlyList<Module> Blocks => _backbone.Blocks;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => _backbone.Forward(_preprocess.Forward(input));

    private static ResNet18 Backbone(BackboneShape shape, ReadoutGrid? readout, Rng rng) => new(rng, inChannels: 3, width: 64, stem: ResNetStem.ImageNet,
        blocksPerStage: [.. s_blocksPerStage.Take(shape.Stages)], readout: readout);

    private static BackboneShape Validated(BackboneShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        return shape;
    }

    /// <summary>The (3, H, W) BGR mean image that the preprocessing graph subtracts (its one Sub node's constant).</summary>
    private static Tensor MeanImage(OnnxModel preprocess)
    {
        var sub = preprocess.Nodes.FirstOrDefault(n => n.OpType == "Sub")
            ?? throw new InvalidDataException("the ResNet preprocessing graph has no Sub node subtracting a mean image");
        var mean = sub.Inputs.Select(i => preprocess.Constants.GetValueOrDefault(i)).FirstOrDefault(c => c is { Floats: not null })
            ?? throw new InvalidDataException($"{sub.Label} does not map: it subtracts no constant mean image");
        if (mean.Dims.Count != 4 || mean.Dims[0] != 1 || mean.Dims[1] != 3)
            throw new InvalidDataException($"{sub.Label} does not map: mean image has shape [{string.Join(", ", mean.Dims)}], expected [1, 3, H, W]");
        return Ops.Reshape(mean.ToTensor(), 3, (int)mean.Dims[2], (int)mean.Dims[3]);
    }
}
