using Contrastive.Data;
using Contrastive.Data.Augmentations;
using Contrastive.Data.Datasets;
using Contrastive.Data.Sampling;
using Contrastive.Data.Views;
using Contrastive.IO;
using Contrastive.Methods;

namespace Contrastive.Training;

/// <summary>
/// Assembles a run from a <see cref="TrainConfig"/> and image data: the method and its model (optionally initialised
/// from a pre-trained run), the augmentation views the method trains on, the sampler (class-balanced P x K batches for
/// the supervised metric-learning methods, shuffled epochs otherwise) and the per-epoch evaluator.
/// </summary>
public sealed class TrainingSetup
{
    private TrainingSetup(ContrastiveMethod method, ImageBatchSource batches, ImageEpochEvaluator evaluator)
        => (Method, Batches, Evaluator) = (method, batches, evaluator);

    /// <summary>The method with its online model.</summary>
    public ContrastiveMethod Method { get; }

    /// <summary>The training batches.</summary>
    public ImageBatchSource Batches { get; }

    /// <summary>The per-epoch evaluator.</summary>
    public ImageEpochEvaluator Evaluator { get; }

    /// <summary>Builds everything for training <paramref name="config"/> on <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The method needs labels the data lacks, or the batch does not fit the data.</exception>
    public static TrainingSetup Create(TrainConfig config, ImageDatasetSplit data, int workers = 2)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        config.Validate();
        var train = data.Train;
        var geometry = InputGeometry.Image(train.Channels, train.Height, train.Width);
        var method = MethodFactory.Create(config, geometry, train.ClassCount);
        if (method.RequiresLabels && train.Labels is null)
            throw new ArgumentException($"--method {config.Method} is supervised but {train.Source} has no labels");
        if (config.Batch > train.Count)
            throw new ArgumentException($"--batch {config.Batch} is larger than the {train.Count} training images of {train.Source}");
        if (config.Init is { } init) InitialiseEncoder(method, init);

        var seed = (ulong)config.Seed;
        var views = Views(config.Method, ImageGeometry.Of(train), seed);
        var sampler = Sampler(config, train, method.RequiresLabels, seed);
        var batches = new ImageBatchSource(train, sampler, views, views.PipelinesAt(0).Count, config.Epochs, workers);
        var probeViews = ViewGenerator.TwoViews(AugmentationPresets.SimClr(ImageGeometry.Of(train), train.Height), seed ^ 0x9E0BE);
        return new TrainingSetup(method, batches, new ImageEpochEvaluator(train, data.Test, probeViews, config.KnnK));
    }

    /// <summary>Loads the <c>encoder.*</c> weights of a previous run (transfer learning); the heads start fresh.</summary>
    /// <exception cref="InvalidDataException">The run has no model or its encoder does not match the architecture.</exception>
    public static void InitialiseEncoder(ContrastiveMethod method, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(method);
        var path = Path.Combine(runDirectory, "model.safetensors");
        if (!File.Exists(path)) throw new InvalidDataException($"--init {runDirectory}: no model.safetensors there");
        const string prefix = "encoder.";
        var encoder = SafeTensors.Read(path).Tensors
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        try
        {
            method.Model.Encoder.LoadState(encoder, strict: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--init {path}: the encoder does not match --arch ({e.Message})", e);
        }
    }

    private static ViewGenerator Views(string method, ImageGeometry geometry, ulong seed)
    {
        var size = geometry.Height;
        return method switch
        {
            "byol" => Asymmetric(AugmentationPresets.Byol(geometry, size), seed),
            "classifier" => new ViewGenerator([AugmentationPresets.WeakStrong(geometry, size).Weak], seed),
            _ => ViewGenerator.TwoViews(AugmentationPresets.SimClr(geometry, size), seed),
        };
    }

    private static ViewGenerator Asymmetric((AugmentationPipeline View1, AugmentationPipeline View2) pair, ulong seed) =>
        new([pair.View1, pair.View2], seed);

    private static IBatchSampler Sampler(TrainConfig config, ImageDataset train, bool supervised, ulong seed)
    {
        if (!supervised || config.Method == "classifier") return new ShuffledBatchSampler(train.Count, config.Batch, seed);
        // P classes x K samples per batch: every anchor has positives, as batch-hard mining and SupCon need.
        var classes = Math.Min(train.ClassCount, Math.Max(2, config.Batch / 4));
        return new ClassBalancedBatchSampler(new LabelIndex(train.Labels!), classes, config.Batch / classes, seed);
    }
}
