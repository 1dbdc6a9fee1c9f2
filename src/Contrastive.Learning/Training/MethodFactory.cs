using Contrastive.Data.Text;
using Contrastive.Methods;
using Contrastive.Miners;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>Builds the encoder, heads and method a <see cref="TrainConfig"/> describes.</summary>
public static class MethodFactory
{
    /// <summary>Creates the encoder for <paramref name="arch"/> (<c>gru</c>: over the columns of one-channel images, the frames
    /// of a spectrogram); <paramref name="inputSize"/> is the image side an
    /// ImageNet architecture resizes to (default <see cref="MethodDefaults.BackboneInputSize"/>); <paramref name="poolGrid"/> the
    /// bench ConvNet's pool grid side (<see cref="BenchEncoder"/>).</summary>
    /// <exception cref="ArgumentException">The architecture does not fit the data (e.g. a CNN on tabular rows).</exception>
    public static Module CreateEncoder(string arch, InputGeometry input, Rng rng, int? inputSize = null, int poolGrid = 1) => arch switch
    {
        "bench" when input.IsImage => new BenchEncoder(rng, input.Channels, poolGrid),
        "resnet18" when input.IsImage => new ResNet18(rng, input.Channels),
        ImageNetResNet18.Name when input.IsImage => new ImageNetResNet18(inputSize ?? MethodDefaults.BackboneInputSize, rng),
        "mlp" => new MlpEncoder(rng, input.Features, [512, 256], 128),
        "gru" when input.IsImage && input.Channels == 1 => new GruFrameEncoder(rng, input.Height),
        "bench" or "resnet18" or ImageNetResNet18.Name => throw new ArgumentException($"--arch {arch} needs image data; use --arch mlp for tables"),
        _ => throw new ArgumentException($"unknown arch '{arch}'"),
    };

    /// <summary>Creates the online model (encoder, head, predictor) for the configured method; for CLIP the two towers
    /// (<see cref="CreateTowers"/>, over <paramref name="vocabularySize"/> token ids) with no head.</summary>
    public static EmbeddingModel CreateModel(TrainConfig config, InputGeometry input, int classCount, ulong seed, bool withPredictor, int vocabularySize = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rng = new Rng(seed);
        var encoder = CreateEncoder(config.Arch, input, rng, config.InputSize, config.PoolGridSide());
        if (config.Method == "clip") return new EmbeddingModel(CreateTowers(config, encoder, vocabularySize, rng), head: null);
        var width = ((IEncoder)encoder).HeadInputDim;
        if (config.Method == "classifier")
        {
            if (classCount < 2) throw new ArgumentException("the classifier method needs labeled data with at least 2 classes");
            return new EmbeddingModel(encoder, new Linear(width, classCount, bias: true, rng: rng));
        }
        var projection = config.ProjectionDim ?? MethodDefaults.ProjectionDim(config.Method);
        var head = MethodDefaults.NormalizesProjection(config.Method)
            ? Heads.NormalizedProjection(rng, width, config.HiddenDim, projection)
            : Heads.Projection(rng, width, config.HiddenDim, projection);
        var predictor = withPredictor
            ? Heads.Predictor(rng, projection, MethodDefaults.PredictorHiddenDim(config.Method, projection, config.HiddenDim))
            : null;
        return new EmbeddingModel(encoder, head, predictor);
    }

    /// <summary>
    /// The CLIP towers around an image encoder: a Transformer text tower of the configured length, width and depth over
    /// <paramref name="vocabularySize"/> token ids, and both projections into a joint space of the projection size.
    /// </summary>
    /// <exception cref="ArgumentException">There is no vocabulary (CLIP needs the tokenizer of its captions).</exception>
    public static TwoTowerModel CreateTowers(TrainConfig config, Module imageEncoder, int vocabularySize, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (vocabularySize <= WordTokenizer.SpecialTokens.Count)
            throw new ArgumentException($"clip needs the vocabulary of its captions' tokenizer, got {vocabularySize} tokens");
        var text = new TransformerTextEncoder(rng, new TextEncoderOptions(vocabularySize, config.MaxTextLength ?? MethodDefaults.MaxTextLength)
        {
            ModelDim = config.TextWidth ?? MethodDefaults.TextWidth,
            Layers = config.TextLayers ?? MethodDefaults.TextLayers,
            Heads = MethodDefaults.TextHeads,
        });
        return new TwoTowerModel(imageEncoder, text, config.ProjectionDim ?? MethodDefaults.ProjectionDim(config.Method), rng);
    }

    /// <summary>Creates the method with its online model; CLIP needs the <paramref name="vocabularySize"/> of its tokenizer.</summary>
    public static ContrastiveMethod Create(TrainConfig config, InputGeometry input, int classCount, int vocabularySize = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        var seed = (ulong)config.Seed;
        if (config.Method == "clip")
            return new Clip((TwoTowerModel)CreateModel(config, input, classCount, seed, withPredictor: false, vocabularySize).Encoder);
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
            "simclr" => new SimClr(model, temperature) { GradCache = gradCache, Decoupled = config.Decoupled },
            "moco" => new MoCo(model, Twin, projection, seed, config.QueueSize, temperature, momentum) { GradCache = gradCache },
            "byol" => new Byol(model, Twin, momentum),
            "simsiam" => new SimSiam(model, stopGradient: !config.NoStopGradient),
            "barlow" => new BarlowTwins(model, config.Lambda ?? 1f / projection),
            "supcon" => new SupCon(model, temperature),
            "siamese" => new Siamese(model, new HardPairMiner(), margin),
            "triplet" => new TripletNetwork(model, CreateMiner(config.Miner, projection, seed), margin),
            "classifier" => new Classifier(model),
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
