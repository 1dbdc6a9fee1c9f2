using Contrastive.Compression;
using Contrastive.Data.Datasets;
using Contrastive.Data.Sampling;
using Contrastive.Data.Text;
using Contrastive.Import;
using Contrastive.IO;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Runs;
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
    /// <summary>The text encoder architectures: a Transformer or a bidirectional GRU over a vocabulary built from the
    /// training texts, or all-MiniLM-L6-v2's BERT architecture over its WordPiece vocabulary.</summary>
    public static readonly IReadOnlyList<string> Architectures = ["transformer", "gru", MiniLm.Name];

    /// <summary>The pre-trained text backbones <c>--backbone</c> starts from (each is also an architecture).</summary>
    public static readonly IReadOnlyList<string> Backbones = [MiniLm.Name];

    /// <summary>The AdamW learning rate that fine-tunes a pre-trained backbone when none is given: 5e-5, in the
    /// 2e-5 to 5e-5 range BERT fine-tuning uses; the from-scratch encoders take AdamW's 1e-3.</summary>
    public const float BackboneLearningRate = 5e-5f;

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
        return Architectures.Contains(config.Arch) || IsTextOnlyMethod(config.Method) || TextDataResolver.IsCorpus(config.Data);
    }

    // A text method that no image method shares a name with (simcse, pairs; not triplet).
    private static bool IsTextOnlyMethod(string method) => TextMethod.Names.Contains(method) && MethodSpecs.Find(method) is null;

    /// <summary>A text configuration with the text defaults filled in where nothing was chosen (the Transformer, AdamW
    /// with weight decay 0.01, batch 64, temperature 0.05, dropout 0.1, 32 tokens, width 128, 2 Transformer layers; a
    /// pre-trained backbone takes <see cref="BackboneLearningRate"/> and keeps its own width and depth); other
    /// configurations unchanged.</summary>
    public static TrainConfig WithTextDefaults(TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!IsText(config)) return config;
        var arch = Architectures.Contains(config.Arch) ? config.Arch : "transformer";
        var ownVocabulary = arch != MiniLm.Name;
        return config with
        {
            Arch = arch,
            Lr = config.Lr ?? (config.Backbone is null ? null : BackboneLearningRate),
            Optimizer = config.Optimizer ?? "adamw",
            WeightDecay = config.WeightDecay ?? 0.01f,
            Batch = config.Batch ?? DefaultBatch,
            Temperature = config.Temperature ?? DefaultTemperature,
            TextDropout = config.TextDropout ?? DefaultDropout,
            MaxTextLength = config.MaxTextLength ?? MethodDefaults.MaxTextLength,
            TextWidth = config.TextWidth ?? (ownVocabulary ? DefaultWidth : null),
            TextLayers = config.TextLayers ?? (arch == "transformer" ? MethodDefaults.TextLayers : null),
        };
    }

    /// <summary>The encoder <paramref name="config"/> (with <see cref="WithTextDefaults"/> applied) names, for a vocabulary;
    /// with the backbone's pre-trained weights when it names one and <paramref name="withBackboneWeights"/> is set.</summary>
    /// <exception cref="ArgumentException">The architecture is not a text encoder.</exception>
    public static Module CreateEncoder(TrainConfig config, int vocabularySize, bool withBackboneWeights = true)
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
            MiniLm.Name => config.Backbone is not null && withBackboneWeights ? MiniLm.Encoder(dropout) : MiniLm.Architecture(dropout, rng),
            _ => throw new ArgumentException($"--arch {config.Arch} is not a text encoder (expected {string.Join(", ", Architectures)})"),
        };
    }

    /// <summary>The method, its batches and the tokenizer (built from the training texts, or the backbone's WordPiece
    /// vocabulary) for training <paramref name="config"/> on <paramref name="split"/>.</summary>
    /// <exception cref="ArgumentException">The method is not a text method, the records lack what it needs or the batch is
    /// larger than the data.</exception>
    public static (SentenceEmbedding Method, IBatchSource Batches, ISentenceTokenizer Tokenizer) Setup(TrainConfig config, TextCorpusSplit split)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(split);
        var textMethod = TextMethod.Get(config.Method);
        ISentenceTokenizer tokenizer = config.Arch == MiniLm.Name ? MiniLm.Tokenizer() : WordTokenizer.Build(split.Train.AllTexts(), MaxVocabulary, minFrequency: 2);
        var method = new SentenceEmbedding(textMethod.Name, CreateEncoder(config, tokenizer.VocabularySize), config.Temperature ?? DefaultTemperature, textMethod.ViewCount)
        {
            GradCache = config.GradCacheChunk is { } chunk ? new GradCache(chunk) : null,
        };
        ITextAugmentation? augmentation = config.TextAugment
            ? new TextAugmentationPipeline(new RandomTokenDeletion(0.1), new RandomSpanMasking(0.1, tokenizer.MaskId)) : null;
        var maxLength = config.MaxTextLength ?? MethodDefaults.MaxTextLength;
        var views = new TextBatchViews(split.Train, tokenizer, maxLength, textMethod, (ulong)config.Seed, augmentation);
        var groups = config.LengthGroups ?? MethodDefaults.TextLengthGroups;
        return (method, Batches(views, config.BatchSize(), (ulong)config.Seed, config.Epochs, groups), tokenizer);
    }

    /// <summary>Shuffled epochs of <paramref name="views"/> in batches of <paramref name="batchSize"/> records, each cut
    /// from a group of <paramref name="lengthGroups"/> shuffled batches sorted by length (1: the shuffled batches).</summary>
    /// <exception cref="ArgumentException">The batch is larger than the data.</exception>
    public static PrefetchedBatchSource Batches(TextBatchViews views, int batchSize, ulong seed, int epochs, int lengthGroups)
    {
        ArgumentNullException.ThrowIfNull(views);
        if (batchSize > views.Count) throw new ArgumentException($"--batch {batchSize} is larger than the {views.Count} training records of {views.Source}");
        var shuffled = new ShuffledBatchSampler(views.Count, batchSize, seed);
        return new PrefetchedBatchSource(views, new LengthGroupedBatchSampler(shuffled, views.PackedLengths, lengthGroups, seed), epochs);
    }

    /// <summary>True when <paramref name="runDirectory"/> holds a text run (its config names a text encoder and it is not an
    /// audio run's GRU over frames).</summary>
    public static bool IsTextRun(string runDirectory)
    {
        var path = new RunDirectory(runDirectory).Config;
        return File.Exists(path) && Architectures.Contains(TrainConfig.Load(path).Arch) && !Data.Audio.AudioFeatures.IsAudioRun(runDirectory);
    }

    /// <summary>Writes the run's vocabulary (<c>tokenizer.json</c>) into <paramref name="runDirectory"/> when it was built from
    /// the training texts; a backbone's vocabulary ships with the backbone and is not copied.</summary>
    public static void SaveTokenizer(ISentenceTokenizer tokenizer, string runDirectory)
    {
        if (tokenizer is WordTokenizer words) words.Save(new RunDirectory(runDirectory).Tokenizer);
    }

    /// <summary>The tokenizer a text run with <paramref name="config"/> reads: the backbone's WordPiece vocabulary, or the
    /// run's own <c>tokenizer.json</c>.</summary>
    /// <exception cref="FileNotFoundException">The run has no tokenizer.json.</exception>
    public static ISentenceTokenizer Tokenizer(TrainConfig config, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Arch == MiniLm.Name ? MiniLm.Tokenizer() : ClipRun.Tokenizer(runDirectory);
    }

    /// <summary>A pre-trained text backbone as it comes, with no training: its configuration (text defaults), encoder
    /// (eval mode) and tokenizer.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a text backbone.</exception>
    public static (TrainConfig Config, Module Encoder, ISentenceTokenizer Tokenizer) Backbone(string name)
    {
        if (!Backbones.Contains(name)) throw new ArgumentException($"unknown text backbone '{name}' (expected {string.Join(", ", Backbones)})");
        var config = WithTextDefaults(new TrainConfig { Arch = name, Backbone = name, Method = TextMethod.Pairs.Name });
        var encoder = CreateEncoder(config, vocabularySize: 0);
        encoder.Eval();
        return (config, encoder, MiniLm.Tokenizer());
    }

    /// <summary>The configuration, trained encoder (eval mode) and tokenizer of a text run.</summary>
    /// <exception cref="FileNotFoundException">A file of the run is missing.</exception>
    /// <exception cref="InvalidDataException">The weights do not fit the configured encoder.</exception>
    public static (TrainConfig Config, Module Encoder, ISentenceTokenizer Tokenizer) Load(string runDirectory)
    {
        var run = RunDirectory.OfTrainedRun(runDirectory);
        var config = TrainConfig.Load(run.Config);
        var tokenizer = Tokenizer(config, runDirectory);
        var model = new EmbeddingModel(CreateEncoder(config, tokenizer.VocabularySize, withBackboneWeights: false), head: null);
        try
        {
            model.LoadState(ModelWeights.Read(run.Model), strict: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{run.Model} does not fit --arch {config.Arch} with its tokenizer: {e.Message}", e);
        }
        model.Eval();
        return (config, model.Encoder, tokenizer);
    }
}
