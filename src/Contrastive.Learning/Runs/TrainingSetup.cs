using Contrastive.Audio;
using Contrastive.Compression;
using Contrastive.Data;
using Contrastive.Data.Audio;
using Contrastive.Data.Augmentations;
using Contrastive.Data.Datasets;
using Contrastive.Data.Sampling;
using Contrastive.Data.Text;
using Contrastive.Data.Views;
using Contrastive.Distributed;
using Contrastive.IO;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Multimodal;
using Contrastive.Training;

namespace Contrastive.Runs;

/// <summary>
/// Assembles a run from a <see cref="TrainConfig"/> and image or (standardised) table data: the method and its model
/// (optionally initialised from a pre-trained run), the views the method trains on (image augmentations, or SCARF
/// corruptions of table rows), the sampler (class-balanced P x K batches for the supervised metric-learning methods,
/// shuffled epochs otherwise) and the per-epoch evaluator. CLIP trains on image-text pairs: captions from a JSONL file, or
/// synthetic captions of labeled images.
/// </summary>
public sealed class TrainingSetup
{
    /// <summary>The SCARF corruption rate of table views when none is configured (Bahri et al., 2022).</summary>
    public const float DefaultCorruptionRate = 0.6f;

    private TrainingSetup(ContrastiveMethod method, IBatchSource batches, EpochEvaluator evaluator, ImageTextSplit? pairs = null)
        => (Method, Batches, Evaluator, Tokenizer, ImageText) = (method, batches, evaluator, pairs?.Tokenizer, pairs is null ? null : new ImageTextEvaluation(pairs.Test));

    /// <summary>The method with its online model.</summary>
    public ContrastiveMethod Method { get; }

    /// <summary>The training batches.</summary>
    public IBatchSource Batches { get; }

    /// <summary>The per-epoch evaluator.</summary>
    public EpochEvaluator Evaluator { get; }

    /// <summary>CLIP: the tokenizer of the captions, which a run must keep to embed text later; null for the other methods.</summary>
    public WordTokenizer? Tokenizer { get; }

    /// <summary>CLIP: the zero-shot and image-text retrieval part of the final evaluation; null for the other methods.</summary>
    public ImageTextEvaluation? ImageText { get; }

    /// <summary>Builds everything for training <paramref name="config"/> on <paramref name="data"/>; CLIP gets seeded
    /// synthetic captions of the labels (<see cref="ImageTextSplit.FromLabeled"/>). With a <paramref name="group"/> of several
    /// processes this process trains on its share of every batch (see <see cref="ShardedBatchSampler"/>).</summary>
    /// <exception cref="ArgumentException">The method needs labels the data lacks, the batch does not fit the data or does not
    /// split over the processes, or a table-only option is set.</exception>
    public static TrainingSetup Create(TrainConfig config, ImageDatasetSplit data, int workers = 2, IProcessGroup? group = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        RequireImageConfig(config);
        if (MethodSpecs.Get(config.Method).TwoTowers)
        {
            if (data.Train.Labels is null || data.Test.Labels is null)
                throw new ArgumentException($"--method clip needs captions, and {data.Train.Source} has no labels to make them from: " +
                    "use --data FILE.jsonl of {\"image\": ..., \"text\": ...} pairs, or labeled images (one sub-folder per class)");
            return Create(config, ImageTextSplit.FromLabeled(data, config.MaxTextLength ?? MethodDefaults.MaxTextLength, (ulong)config.Seed), workers, group);
        }
        var train = data.Train;
        var clusters = config.PseudoLabels;
        var method = CreateMethod(config, InputGeometry.Image(train.Channels, train.Height, train.Width), train.Source, train.Count,
            labeled: clusters is not null || train.Labels is not null, clusters ?? train.ClassCount);
        var seed = (ulong)config.Seed;
        var views = ImageViews.Create(config, ImageGeometry.Of(train), seed);
        IBatchSource BatchesOf(ImageDataset labelled)
        {
            // --hard-negatives: explicit triplets whose negatives come from a nearest-neighbour table of the current projections
            var triplets = config.HardNegatives is null ? null : new TripletBatchSampler(new LabelIndex(labelled.Labels!), config.BatchSize(), seed);
            var sampler = Distribute(method, triplets ?? Sampler(config, labelled.Count, labelled.Labels, labelled.ClassCount, method.RequiresLabels, seed), group);
            IBatchSource batches = new PrefetchedBatchSource(new ImageBatchViews(labelled, views), sampler, config.Epochs, workers);
            return triplets is null ? batches : new HardNegativeMining(batches, triplets, method.Model, labelled, config.HardNegatives!.Value);
        }

        IBatchSource batches;
        if (clusters is { } k)
        {
            if (!method.RequiresLabels) throw new ArgumentException($"--pseudo-labels gives labels to a method that trains on them (supcon, triplet, siamese, classifier), not {config.Method}");
            batches = BatchesOf(PseudoLabels.Assign(method.Model.Encoder, train, k, seed));
            if (config.ReclusterEvery is { } every)
                batches = new Reclustering(batches, BatchesOf, method.Model.Encoder, train, k, every, seed);
        }
        else batches = BatchesOf(train);
        return new TrainingSetup(method, batches, EpochEvaluator.Of(EvaluationData.Of(data), ProbeViews(data.Test, seed), config.KnnNeighbours(data.Train.Labels)));
    }

    private static void RequireImageConfig(TrainConfig config)
    {
        config.Validate();
        if (config.LabelColumn is not null) throw new ArgumentException("--label-column applies to CSV data (--data FILE.csv), not images");
        if (config.CorruptionRate is not null) throw new ArgumentException("--corruption-rate applies to CSV data (--data FILE.csv), not images");
    }

    /// <summary>The collapse monitor's probe: two SimCLR views of the test images.</summary>
    private static ImageBatchViews ProbeViews(ImageDataset test, ulong seed) =>
        new(test, ViewGenerator.TwoViews(AugmentationPresets.SimClr(ImageGeometry.Of(test), test.Height), seed ^ 0x9E0BE));

    /// <summary>
    /// Builds everything for CLIP on image-text pairs: batches of mildly cropped images (<see cref="AugmentationPresets.Clip"/>)
    /// with their captions' token ids in shuffled epochs; per epoch kNN and, for labeled images, zero-shot accuracy on the
    /// test part.
    /// </summary>
    /// <exception cref="ArgumentException">The method is not clip, the batch does not fit the data or does not split over the
    /// processes of <paramref name="group"/>, or a table-only option is set.</exception>
    public static TrainingSetup Create(TrainConfig config, ImageTextSplit data, int workers = 2, IProcessGroup? group = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        RequireImageConfig(config);
        if (!MethodSpecs.Get(config.Method).TwoTowers) throw new ArgumentException($"image-text pairs train --method {Methods.Clip.Id}, not {config.Method}");
        var images = data.Images;
        var train = images.Train;
        var method = CreateMethod(config, InputGeometry.Image(train.Channels, train.Height, train.Width), train.Source, train.Count, train.Labels is not null, train.ClassCount,
            data.Tokenizer.VocabularySize);
        var seed = (ulong)config.Seed;
        var views = new ViewGenerator([AugmentationPresets.Clip(ImageGeometry.Of(train), train.Height)], seed);
        var sampler = Distribute(method, new ShuffledBatchSampler(train.Count, config.BatchSize(), seed), group);
        var batches = new PrefetchedBatchSource(new ImageTextBatchViews(data.Train, views), sampler, config.Epochs, workers);
        var zeroShot = ZeroShotEvaluation.For(images.Test, data.Tokenizer, data.MaxLength);
        var evaluator = EpochEvaluator.Of(EvaluationData.Of(images), ProbeViews(images.Test, seed), config.KnnNeighbours(train.Labels), zeroShot: zeroShot);
        return new TrainingSetup(method, batches, evaluator, data);
    }

    /// <summary>
    /// Builds everything for training <paramref name="config"/> on table rows (standardise them first, see
    /// <see cref="FeatureStandardizer"/>): SCARF views (the clean row and a copy with a fraction
    /// <see cref="TrainConfig.CorruptionRate"/> of its features redrawn from the training marginals; the classifier
    /// trains on clean rows), the probe views of the collapse monitor being the same corruption.
    /// </summary>
    /// <exception cref="ArgumentException">The method needs labels the data lacks, the batch does not fit the data or does not
    /// split over the processes of <paramref name="group"/>, or the architecture needs images.</exception>
    public static TrainingSetup Create(TrainConfig config, TabularDatasetSplit data, int workers = 2, IProcessGroup? group = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        config.Validate();
        if (MethodSpecs.Get(config.Method).TwoTowers) throw new ArgumentException($"--method {config.Method} needs images with captions or labels, not a table");
        var train = data.Train;
        var method = CreateMethod(config, InputGeometry.Table(train.FeatureCount), train.Source, train.Count, train.Labels is not null, train.ClassCount);

        var seed = (ulong)config.Seed;
        var scarf = new ScarfCorruption(train, config.CorruptionRate ?? DefaultCorruptionRate);
        ITabularCorruption?[] corruptions = MethodSpecs.Get(config.Method).ViewsPerSample == 1 ? [null] : [null, scarf];
        var views = new TabularViewGenerator(corruptions, seed);
        var sampler = Distribute(method, Sampler(config, train.Count, train.Labels, train.ClassCount, method.RequiresLabels, seed), group);
        var batches = new PrefetchedBatchSource(new TabularBatchViews(train, views), sampler, config.Epochs, workers);
        var probeViews = new TabularBatchViews(data.Test, new TabularViewGenerator([null, scarf], seed ^ 0x9E0BE));
        return new TrainingSetup(method, batches, EpochEvaluator.Of(EvaluationData.Of(data), probeViews, config.KnnNeighbours(train.Labels)));
    }

    /// <summary>
    /// Builds everything for training <paramref name="config"/> on audio clips: views are random segments of a clip with
    /// speed, gain, noise and SpecAugment changes (<see cref="AudioViews"/>), two segments of one clip being a positive pair
    /// (COLA-style); the encoder sees (1, mels, frames) standardised log-mel images (<paramref name="features"/>); per epoch
    /// kNN on whole held-out clips.
    /// </summary>
    /// <exception cref="ArgumentException">The method is clip or needs labels the data lacks, the batch does not fit the data,
    /// or an image- or table-only option is set.</exception>
    public static TrainingSetup Create(TrainConfig config, AudioDatasetSplit data, AudioFeatures features)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(features);
        RequireImageConfig(config);
        if (MethodSpecs.Get(config.Method).TwoTowers) throw new ArgumentException($"--method {config.Method} needs images with captions, not audio");
        var evaluation = AudioRun.Evaluation(data, features);
        var train = data.Train;
        var method = CreateMethod(config, evaluation.Geometry, train.Source, train.Count, train.Labels is not null, train.ClassCount);
        var seed = (ulong)config.Seed;
        var views = new AudioViews(features) { SpeedFactors = AudioViews.SpeedFactorsUpTo(config.SpeedChange ?? AudioViews.DefaultSpeedChange) };
        var sampler = Sampler(config, train.Count, train.Labels, train.ClassCount, method.RequiresLabels, seed);
        var viewCount = MethodSpecs.Get(config.Method).ViewsPerSample == 1 ? 1 : config.Views ?? 2;
        var batches = new PrefetchedBatchSource(new AudioBatchViews(train, views, seed, viewCount), sampler, config.Epochs);
        var probeViews = new AudioBatchViews(data.Test, views, seed ^ 0x9E0BE);
        return new TrainingSetup(method, batches, EpochEvaluator.Of(evaluation, probeViews, config.KnnNeighbours(train.Labels)));
    }

    private static ContrastiveMethod CreateMethod(TrainConfig config, InputGeometry geometry, string source, int count, bool labeled, int classCount,
        int vocabularySize = 0)
    {
        var method = MethodFactory.Create(config, geometry, classCount, vocabularySize);
        var unit = geometry.IsImage ? "images" : "rows";
        if (method.RequiresLabels && !labeled)
            throw new ArgumentException($"--method {config.Method} is supervised but {source} has no labels" + (geometry.IsImage ? "" : " (name the label column with --label-column)"));
        if (config.BatchSize() > count)
            throw new ArgumentException($"--batch {config.BatchSize()} is larger than the {count} training {unit} of {source}");
        if (config.Init is { } init) InitialiseEncoder(method, init);
        if (config.Backbone is not null) Backbones.Initialise(method.Model.Encoder, config);
        Backbones.Freeze(method, config);
        return method;
    }

    /// <summary>Loads the <c>encoder.*</c> weights of a previous run (transfer learning); the heads, and an adapter the run
    /// has not, start fresh.</summary>
    /// <exception cref="FileNotFoundException">The folder is not a trained run (no config.json or model.safetensors).</exception>
    /// <exception cref="InvalidDataException">The run's encoder does not match the architecture.</exception>
    public static void InitialiseEncoder(ContrastiveMethod method, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(method);
        var path = RunDirectory.OfTrainedRun(runDirectory, "--init").Model;
        const string prefix = "encoder.";
        var encoder = ModelWeights.Read(path)
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        try
        {
            Backbones.LoadEncoder(method.Model.Encoder, encoder);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--init {path}: the encoder does not match --arch ({e.Message})", e);
        }
    }

    /// <summary>Makes <paramref name="method"/> train data-parallel over <paramref name="group"/>, on this process's share of
    /// <paramref name="sampler"/>'s batches.</summary>
    private static IBatchSampler Distribute(ContrastiveMethod method, IBatchSampler sampler, IProcessGroup? group)
    {
        if (group is null || group.Size == 1) return sampler;
        method.Group = group;
        return new ShardedBatchSampler(sampler, group.Rank, group.Size);
    }

    private static IBatchSampler Sampler(TrainConfig config, int count, int[]? labels, int classCount, bool supervised, ulong seed)
    {
        var batch = config.BatchSize();
        if (!MethodSpecs.Get(config.Method).BalancesClasses) return new ShuffledBatchSampler(count, batch, seed);
        // P classes x K samples per batch: every anchor has positives, as batch-hard mining and SupCon need; K = 4
        // (Hermans et al. 2017) when there are enough classes to fill the batch.
        var classes = Math.Min(classCount, Math.Max(2, batch / 4));
        return new ClassBalancedBatchSampler(new LabelIndex(labels!), classes, batch / classes, seed);
    }
}
