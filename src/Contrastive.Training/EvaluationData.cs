using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Evaluation.Charts;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>
/// A train/test split of any kind of data as evaluation sees it: the encoder's embeddings of either part, the labels,
/// the raw inputs as flat rows (the baseline a learned encoder is compared with) and, for images, the test pictures.
/// </summary>
public sealed record EvaluationData
{
    /// <summary>Where the data came from (the train part), for titles and messages.</summary>
    public required string Source { get; init; }

    /// <summary>The shape of one input sample.</summary>
    public required InputGeometry Geometry { get; init; }

    /// <summary>Training samples (the kNN memory).</summary>
    public required int TrainCount { get; init; }

    /// <summary>Test samples (the queries).</summary>
    public required int TestCount { get; init; }

    /// <summary>"images" or "rows", for messages.</summary>
    public required string Unit { get; init; }

    /// <summary>Labels of the training samples, or null when unlabeled.</summary>
    public int[]? TrainLabels { get; init; }

    /// <summary>Labels of the test samples, or null when unlabeled.</summary>
    public int[]? TestLabels { get; init; }

    /// <summary>Number of classes over both parts.</summary>
    public int ClassCount { get; init; }

    /// <summary>Class names by index, or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The (N_train, D) eval-mode embeddings of the training samples by an encoder.</summary>
    public required Func<Module, Tensor> EmbedTrain { get; init; }

    /// <summary>The (N_test, D) eval-mode embeddings of the test samples by an encoder.</summary>
    public required Func<Module, Tensor> EmbedTest { get; init; }

    /// <summary>The training inputs flattened to rows (the raw baseline).</summary>
    public required Func<Tensor> RawTrain { get; init; }

    /// <summary>The training samples at the given positions, without augmentation, shaped as the encoder takes them:
    /// (n, C, H, W) images or (n, F) rows.</summary>
    public required Func<IReadOnlyList<int>, Tensor> TrainInputs { get; init; }

    /// <summary>The test inputs flattened to rows.</summary>
    public required Func<Tensor> RawTest { get; init; }

    /// <summary>What the raw baseline is called ("raw pixels").</summary>
    public required string RawName { get; init; }

    /// <summary>The image split this data was made from, or null for a table.</summary>
    public ImageDatasetSplit? Images { get; init; }

    /// <summary>The picture of test sample i for the report's neighbour grid, or null for non-image data.</summary>
    public Func<int, ImageTile>? TestImage { get; init; }

    /// <summary>True when both parts have labels.</summary>
    public bool IsLabeled => TrainLabels is not null && TestLabels is not null;

    /// <summary>Any split: embeddings, inputs and the raw baseline all come from the two sample sets.</summary>
    /// <param name="train">The training part (the kNN memory).</param>
    /// <param name="test">The test part (the queries).</param>
    /// <param name="geometry">The shape of one input sample.</param>
    /// <param name="unit">What a sample is called in messages ("images", "rows", "clips").</param>
    /// <param name="rawName">What the raw baseline is called ("raw pixels").</param>
    /// <param name="classNames">Class names by index, or null.</param>
    public static EvaluationData Of(ISampleSet train, ISampleSet test, InputGeometry geometry, string unit, string rawName, IReadOnlyList<string>? classNames)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        return new EvaluationData
        {
            Source = train.Source,
            Geometry = geometry,
            TrainCount = train.Count,
            TestCount = test.Count,
            Unit = unit,
            TrainLabels = train.Labels,
            TestLabels = test.Labels,
            ClassCount = Math.Max(train.ClassCount, test.ClassCount),
            ClassNames = classNames,
            EmbedTrain = encoder => Embedder.Embed(encoder, train),
            EmbedTest = encoder => Embedder.Embed(encoder, test),
            RawTrain = () => Rows(train),
            TrainInputs = rows => train.Gather([.. rows]),
            RawTest = () => Rows(test),
            RawName = rawName,
        };
    }

    /// <summary>An image split.</summary>
    public static EvaluationData Of(ImageDatasetSplit data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (train, test) = data;
        return Of(train, test, InputGeometry.Image(train.Channels, train.Height, train.Width), "images", "raw pixels", test.ClassNames) with
        {
            Images = data,
            TestImage = test.Labels is null ? null : i => new ImageTile(test.Image(i).ToArray(), test.Channels, test.Height, test.Width, test.Labels[i]),
        };
    }

    /// <summary>A table split (already standardised, so its raw rows are the standardised features).</summary>
    public static EvaluationData Of(TabularDatasetSplit data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (train, test, names) = data;
        return Of(train, test, InputGeometry.Table(train.FeatureCount), "rows", "raw standardised features", names);
    }

    /// <summary>Every sample of <paramref name="data"/> flattened to one row: (N, values per sample).</summary>
    private static Tensor Rows(ISampleSet data)
    {
        var all = data.Gather([.. Enumerable.Range(0, data.Count)]);
        return Ops.Reshape(all, data.Count, all.Length / Math.Max(1, data.Count));
    }
}
