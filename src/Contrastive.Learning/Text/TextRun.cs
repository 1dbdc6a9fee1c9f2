using Contrastive.Compression;
using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Text;

/// <summary>
/// Sentence-embedding runs: which configurations are text runs, their defaults, the encoder an architecture names, the
/// method and batches of a run, and reading a trained text run back (its <c>tokenizer.json</c> vocabulary, built from the
/// training texts, next to the model).
/// </summary>
public static class TextRun
{
    /// <summary>The text encoder architectures.</summary>
    public static readonly IReadOnlyList<string> Architectures = ["transformer", "gru"];

    /// <summary>Default width: the Transformer's model width, the GRU's embedding and per-direction hidden size.</summary>
    public const int DefaultWidth = 128;

    /// <summary>Default dropout of the text encoder (SimCSE's 0.1).</summary>
    public const float DefaultDropout = 0.1f;

    /// <summary>Default temperature of the ranking loss (SimCSE's 0.05, sentence-transformers' scale 20).</summary>
    public const float DefaultTemperature = 0.05f;

    /// <summary>Default batch: 64 records.</summary>
    public const int DefaultBatch = 64;

    /// <summary>The largest vocabulary built from the training texts (special tokens included).</summary>
    public const int MaxVocabulary = 30000;

    /// <summary>True when <paramref name="config"/> trains sentence embeddings: a text architecture, a text-only method
    /// (simcse, pairs) or a named text corpus, and the data is not a folder of audio clips.</summary>
    public static bool IsText(TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Audio.AudioRun.IsAudio(config.Data)) return false; // --arch gru over audio frames
        return Architectures.Contains(config.Arch) || config.Method is "simcse" or "pairs" || TextDataResolver.IsCorpus(config.Data);
    }

    /// <summary>A text configuration with the text defaults filled in where nothing was chosen (the Transformer, AdamW
    /// with weight decay 0.01, batch 64, temperature 0.05, dropout 0.1, 32 tokens, width 128, 2 Transformer layers); other
    /// configurations unchanged.</summary>
    public static TrainConfig WithTextDefaults(TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!IsText(config)) return config;
        return config with
        {
            Arch = Architectures.Contains(config.Arch) ? config.Arch : "transformer",
            Optimizer = config.Optimizer ?? "adamw",
            WeightDecay = config.WeightDecay ?? 0.01f,
            Batch = config.Batch ?? DefaultBatch,
            Temperature = config.Temperature ?? DefaultTemperature,
            TextDropout = config.TextDropout ?? DefaultDropout,
            MaxTextLength = config.MaxTextLength ?? MethodDefaults.MaxTextLength,
            TextWidth = config.TextWidth ?? DefaultWidth,
            TextLayers = config.TextLayers ?? (config.Arch == "gru" ? null : MethodDefaults.TextLayers),
        };
    }

    /// <summary>The encoder <paramref name="config"/> (with <see cref="WithTextDefaults"/> applied) names, for a vocabulary.</summary>
    /// <exception cref="ArgumentException">The architecture is not a text encoder.</exception>
    public static Module CreateEncoder(TrainConfig config, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rng = new Rng((ulong)config.Seed);
        var width = config.TextWidth ?? DefaultWidth;
        var dropout = config.TextDropout ?? DefaultDropout;
        return config.Arch switch
        {
            "transformer" => new TransformerTextEncoder(rng, new TextEncoderOptions(vocabularySize, config.MaxTextLength ?? MethodDefaults.MaxTextLength)
            {
                ModelDim = width,
                Layers = config.TextLayers ?? MethodDefaults.TextLayers,
                Heads = MethodDefaults.TextHeads,
                Dropout = dropout,
                TokenEmbeddingStd = GruTextEncoder.EmbeddingStd,
            }),
            "gru" => new GruTextEncoder(rng, vocabularySize, width, width, dropout),
            _ => throw new ArgumentException($"--arch {config.Arch} is not a text encoder (expected {string.Join(", ", Architectures)})"),
        };
    }

    /// <summary>The method, its batches and the tokenizer (built from the training texts) for training <paramref name="config"/>
    /// on <paramref name="split"/>.</summary>
    /// <exception cref="ArgumentException">The method is not a text method or the records lack what it needs.</exception>
    public static (SentenceEmbedding Method, TextBatchSource Batches, WordTokenizer Tokenizer) Setup(TrainConfig config, TextCorpusSplit split)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(split);
        if (!SentenceEmbedding.Names.Contains(config.Method))
            throw new ArgumentException($"text data trains --method {string.Join(", ", SentenceEmbedding.Names)}, not {config.Method}");
        var tokenizer = WordTokenizer.Build(split.Train.AllTexts(), MaxVocabulary, minFrequency: 2);
        var method = new SentenceEmbedding(config.Method, CreateEncoder(config, tokenizer.VocabularySize), config.Temperature ?? DefaultTemperature);
        ITextAugmentation? augmentation = config.TextAugment ? new TextAugmentationPipeline(new RandomTokenDeletion(0.1), new RandomSpanMasking(0.1)) : null;
        var maxLength = config.MaxTextLength ?? MethodDefaults.MaxTextLength;
        var batches = new TextBatchSource(split.Train, tokenizer, maxLength, config.Method, config.BatchSize(), (ulong)config.Seed, augmentation);
        return (method, batches, tokenizer);
    }

    /// <summary>True when <paramref name="runDirectory"/> holds a text run (its config names a text encoder and it is not an
    /// audio run's GRU over frames).</summary>
    public static bool IsTextRun(string runDirectory)
    {
        var path = Path.Combine(runDirectory, "config.json");
        return File.Exists(path) && Architectures.Contains(TrainConfig.Load(path).Arch) && !Data.Audio.AudioFeatures.IsAudioRun(runDirectory);
    }

    /// <summary>The configuration, trained encoder (eval mode) and tokenizer of a text run.</summary>
    /// <exception cref="FileNotFoundException">A file of the run is missing.</exception>
    /// <exception cref="InvalidDataException">The weights do not fit the configured encoder.</exception>
    public static (TrainConfig Config, Module Encoder, WordTokenizer Tokenizer) Load(string runDirectory)
    {
        var configPath = Path.Combine(runDirectory, "config.json");
        var modelPath = Path.Combine(runDirectory, "model.safetensors");
        if (!File.Exists(configPath) || !File.Exists(modelPath))
            throw new FileNotFoundException($"--model {runDirectory}: no config.json and model.safetensors (is it a run directory written by 'contrastive train'?)");
        var config = TrainConfig.Load(configPath);
        var tokenizer = ClipRun.Tokenizer(runDirectory);
        var model = new EmbeddingModel(CreateEncoder(config, tokenizer.VocabularySize), head: null);
        try
        {
            model.LoadState(ModelWeights.Read(modelPath), strict: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{modelPath} does not fit --arch {config.Arch} with its tokenizer: {e.Message}", e);
        }
        model.Eval();
        return (config, model.Encoder, tokenizer);
    }
}
