using Contrastive.Methods;
using Contrastive.Miners;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>The shape of one input sample: image (C, H, W) or a row of features.</summary>
public readonly record struct InputGeometry(int Channels, int Height, int Width, int Features)
{
    /// <summary>Geometry of C x H x W images.</summary>
    public static InputGeometry Image(int channels, int height, int width) => new(channels, height, width, channels * height * width);

    /// <summary>Geometry of feature rows.</summary>
    public static InputGeometry Table(int features) => new(0, 0, 0, features);

    /// <summary>True for images.</summary>
    public bool IsImage => Channels > 0;
}

/// <summary>Builds the encoder, heads and method a <see cref="TrainConfig"/> describes.</summary>
public static class MethodFactory
{
    /// <summary>Creates the encoder for <paramref name="arch"/>.</summary>
    /// <exception cref="ArgumentException">The architecture does not fit the data (e.g. a CNN on tabular rows).</exception>
    public static Module CreateEncoder(string arch, InputGeometry input, Rng rng) => arch switch
    {
        "bench" when input.IsImage => new BenchEncoder(rng, input.Channels),
        "resnet18" when input.IsImage => new ResNet18(rng, input.Channels),
        "mlp" => new MlpEncoder(rng, input.Features, [512, 256], 128),
        "bench" or "resnet18" => throw new ArgumentException($"--arch {arch} needs image data; use --arch mlp for tables"),
        _ => throw new ArgumentException($"unknown arch '{arch}'"),
    };

    /// <summary>Creates the online model (encoder, head, predictor) for the configured method.</summary>
    public static EmbeddingModel CreateModel(TrainConfig config, InputGeometry input, int classCount, ulong seed, bool withPredictor)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rng = new Rng(seed);
        var encoder = CreateEncoder(config.Arch, input, rng);
        var width = ((IEncoder)encoder).OutputDim;
        if (config.Method == "classifier")
        {
            if (classCount < 2) throw new ArgumentException("the classifier method needs labeled data with at least 2 classes");
            return new EmbeddingModel(encoder, new Linear(width, classCount, bias: true, rng: rng));
        }
        var projection = config.ProjectionDim ?? MethodDefaults.ProjectionDim(config.Method);
        var head = Heads.Projection(rng, width, config.HiddenDim, projection);
        var predictor = withPredictor ? Heads.Predictor(rng, projection, config.HiddenDim) : null;
        return new EmbeddingModel(encoder, head, predictor);
    }

    /// <summary>Creates the method with its online model.</summary>
    public static ContrastiveMethod Create(TrainConfig config, InputGeometry input, int classCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        var seed = (ulong)config.Seed;
        var temperature = config.Temperature ?? MethodDefaults.Temperature(config.Method);
        var margin = config.Margin ?? MethodDefaults.Margin(config.Method);
        var momentum = config.Momentum ?? 0.99f;
        var withPredictor = config.Method is "byol" or "simsiam";
        var model = CreateModel(config, input, classCount, seed, withPredictor);
        EmbeddingModel Twin() => CreateModel(config, input, classCount, seed, withPredictor: false);
        var projection = config.ProjectionDim ?? MethodDefaults.ProjectionDim(config.Method);
        var gradCache = config.GradCacheChunk is { } chunk ? new GradCache(chunk) : null;
        return config.Method switch
        {
            "simclr" => new SimClr(model, temperature) { GradCache = gradCache },
            "moco" => new MoCo(model, Twin, projection, seed, config.QueueSize, temperature, momentum) { GradCache = gradCache },
            "byol" => new Byol(model, Twin, momentum),
            "simsiam" => new SimSiam(model, stopGradient: !config.NoStopGradient),
            "barlow" => new BarlowTwins(model, config.Lambda ?? 1f / projection),
            "supcon" => new SupCon(model, temperature),
            "siamese" => new Siamese(model, new HardPairMiner(), margin),
            "triplet" => new TripletNetwork(model, CreateMiner(config.Miner, projection, seed), margin),
            "classifier" => new Classifier(model, config.FreezeEncoder),
            _ => throw new ArgumentException($"unknown method '{config.Method}'"),
        };
    }

    /// <summary>Creates a triplet miner by name.</summary>
    public static ITripletMiner CreateMiner(string name, int dimension, ulong seed) => name switch
    {
        "batch-hard" => new BatchHardMiner(),
        "batch-all" => new BatchAllMiner(),
        "semi-hard" => new SemiHardMiner(),
        "distance-weighted" => new DistanceWeightedMiner(dimension, new Rng(seed ^ 0xD157)),
        _ => throw new ArgumentException($"unknown miner '{name}' (expected {string.Join(", ", MethodDefaults.Miners)})"),
    };
}
