namespace Contrastive.Runs;

/// <summary>The defaults shared by every method: architectures, optimisers and their weight decay, miners, the batch size
/// and the text towers' shape. What is particular to one method is in its <see cref="MethodSpec"/>.</summary>
public static class MethodDefaults
{
    /// <summary>Encoder architectures.</summary>
    public static readonly IReadOnlyList<string> Architectures = ["bench", "resnet18", "mlp", Models.ImageNetResNet18.Name];

    /// <summary>Pre-trained backbones <c>--backbone</c> starts an image encoder from (each is also an architecture).</summary>
    public static readonly IReadOnlyList<string> Backbones = [Models.ImageNetResNet18.Name];

    /// <summary>The side of the square images a pre-trained ImageNet backbone sees when no input size is given: 64
    /// pixels, a twelfth of the compute of the native 224 (28-pixel Fashion-MNIST gains nothing from more).</summary>
    public const int BackboneInputSize = 64;

    /// <summary>The stages of a pre-trained ImageNet ResNet an encoder keeps when none is given: the first two. On
    /// Fashion-MNIST the features where stage 2 ends, read over a 4 x 4 grid, beat the whole network's output at half
    /// its compute (BENCHMARKS.md, "Cut after stage 2, read over a grid"): ImageNet's last stages encode ImageNet's
    /// classes, which a distant domain does not share. Keep all four for photos at 224 pixels.</summary>
    public const int BackboneStages = 2;

    /// <summary>The pool grid side of a pre-trained ImageNet ResNet's read-out when none is given: 4 (stage 2 of a
    /// 64-pixel image is an 8 x 8 map, read as 16 cells of 128 channels).</summary>
    public const int BackbonePoolGrid = 4;

    /// <summary>Triplet miners.</summary>
    public static readonly IReadOnlyList<string> Miners = ["semi-hard", "batch-hard", "batch-all", "distance-weighted"];

    /// <summary>
    /// The batch size a method uses when none is given: the bench spec's 256, or on small data the power of two that
    /// still gives an epoch <see cref="MinStepsPerEpoch"/> steps (at least 32): 64 for the 8,000-image demo, as more
    /// steps with the linearly scaled rate learn more than fewer, larger ones (BENCHMARKS.md, "Method defaults and why"). A method may fix its own
    /// (<see cref="MethodSpec.Batch"/>).
    /// </summary>
    public static int Batch(string method, string miner, int trainCount)
    {
        if (MethodSpecs.Find(method)?.Batch(miner) is { } own) return own;
        var batch = 256;
        while (batch > 32 && (long)batch * MinStepsPerEpoch > trainCount) batch /= 2;
        return batch;
    }

    /// <summary>The fewest steps per epoch that <see cref="Batch"/> keeps by halving the batch on small data.</summary>
    public const int MinStepsPerEpoch = 125;

    /// <summary>The weight decay: 5e-4 (SGD, bench spec), 0.05 (AdamW), 1e-6 (LARS, SimCLR).</summary>
    public static float WeightDecay(string optimizer) => optimizer switch
    {
        "adamw" => 0.05f,
        "lars" => 1e-6f,
        _ => 5e-4f,
    };

    /// <summary>Text runs: shuffled batches pooled and sorted by length to cut each batch from (see BENCHMARKS.md,
    /// "Text batches grouped by length").</summary>
    public const int TextLengthGroups = 32;

    /// <summary>CLIP: the token length of captions when none is given (room for 30 words).</summary>
    public const int MaxTextLength = 32;

    /// <summary>CLIP: the width of the Transformer text tower when none is given.</summary>
    public const int TextWidth = 64;

    /// <summary>CLIP: the layers of the Transformer text tower when none is given.</summary>
    public const int TextLayers = 2;

    /// <summary>CLIP: the attention heads per text-tower layer (the width must be a multiple).</summary>
    public const int TextHeads = 4;
}
