using Contrastive.Data.Text;
using Contrastive.Methods;
using Contrastive.Miners;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Runs;

/// <summary>Builds the encoder, heads and method a <see cref="TrainConfig"/> describes.</summary>
public static class MethodFactory
{
    /// <summary>Creates the encoder for <paramref name="arch"/> (<c>gru</c>: over the columns of one-channel images, the frames
    /// of a spectrogram); <paramref name="readout"/> is how the bench ConvNet or an ImageNet architecture reads out its
    /// last map (default: global pooling), <paramref name="backbone"/> how much of an ImageNet architecture is used
    /// (default: whole, at <see cref="MethodDefaults.BackboneInputSize"/> pixels), <paramref name="width"/> the bench ConvNet's
    /// channel multiplier.</summary>
    /// <exception cref="ArgumentException">The architecture does not fit the data (e.g. a CNN on tabular rows).</exception>
    public static Module CreateEncoder(string arch, InputGeometry input, Rng rng, ReadoutGrid? readout = null, BackboneShape? backbone = null, int width = 1) => arch switch
    {
        "bench" when input.IsImage => new BenchEncoder(rng, input.Channels, readout ?? ReadoutGrid.Global, width),
        "resnet18" when input.IsImage => new ResNet18(rng, input.Channels),
        ImageNetResNet18.Name when input.IsImage => new ImageNetResNet18(backbone ?? BackboneShape.Whole(MethodDefaults.BackboneInputSize), rng, readout),
        "mlp" => new MlpEncoder(rng, input.Features, [512, 256], 128),
        "gru" when input.IsImage && input.Channels == 1 => new GruFrameEncoder(rng, input.Height),
        "bench" or "resnet18" or ImageNetResNet18.Name => throw new ArgumentException($"--arch {arch} needs image data; use --arch mlp for tables"),
        _ => throw new ArgumentException($"unknown arch '{arch}'"),
    };

    /// <summary>Creates the online model of the configured method (<see cref="MethodSpec.CreateModel"/>: encoder, head, predictor; for
    /// CLIP the two towers over <paramref name="vocabularySize"/> token ids, with no head).</summary>
    public static EmbeddingModel CreateModel(TrainConfig config, InputGeometry input, int classCount, ulong seed, bool withPredictor, int vocabularySize = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rng = new Rng(seed);
        var encoder = CreateEncoder(config.Arch, input, rng, config.Readout(), config.BackboneShape(), config.Width ?? 1);
        return MethodSpecs.Get(config.Method).CreateModel(config, encoder, classCount, vocabularySize, rng, withPredictor);
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
        return new TwoTowerModel(imageEncoder, text, config.ProjectionSize(), rng);
    }

    /// <summary>Creates the method with its online model; CLIP needs the <paramref name="vocabularySize"/> of its tokenizer.</summary>
    public static ContrastiveMethod Create(TrainConfig config, InputGeometry input, int classCount, int vocabularySize = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        var spec = MethodSpecs.Get(config.Method);
        var seed = (ulong)config.Seed;
        var model = CreateModel(config, input, classCount, seed, spec.HasPredictor, vocabularySize);
        EmbeddingModel Twin() => CreateModel(config, input, classCount, seed, withPredictor: false, vocabularySize);
        return spec.Create(new MethodInputs(config, model, Twin, seed, config.ProjectionSize(), config.Temperature ?? spec.Temperature,
            config.Margin ?? spec.Margin, config.Momentum ?? DefaultMomentum, config.GradCacheChunk is { } chunk ? new GradCache(chunk) : null));
    }

    /// <summary>The EMA momentum of MoCo's and BYOL's targets when none is given.</summary>
    public const float DefaultMomentum = 0.99f;

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
