using Contrastive.Data.Formats;
using Contrastive.Data.Formats.Images;

namespace Contrastive.Data.Datasets;

/// <summary>Turns a <c>--data</c> spec into a train and a test set with one call.</summary>
public static class DatasetResolver
{
    /// <summary>What <see cref="LoadImages"/> accepts, for help texts and error messages.</summary>
    public const string Accepted =
        "'demo' (embedded Fashion-MNIST subset), 'fashion-mnist' (Debian package dataset-fashion-mnist), " +
        "a directory of IDX files (train-images-idx3-ubyte[.gz], ...) or an image folder (one sub-folder per class, or flat)";

    /// <summary>
    /// Loads <paramref name="spec"/>: <c>demo</c>, <c>fashion-mnist</c>, a directory holding MNIST-style IDX files
    /// (train part required; without a test part the train part is split) or an image folder (split by
    /// <see cref="ImageLoadOptions.TestFraction"/> and <see cref="ImageLoadOptions.SplitSeed"/>). The channels
    /// and size of <paramref name="options"/> apply to every source.
    /// </summary>
    /// <exception cref="DatasetException">The spec is unknown (the message lists what is accepted) or the data is missing or malformed.</exception>
    public static ImageDatasetSplit LoadImages(string spec, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new ImageLoadOptions();
        var split = spec switch
        {
            "demo" => DemoDataset.Load(),
            "fashion-mnist" => new ImageDatasetSplit(FashionMnist.Load(DatasetPart.Train), FashionMnist.Load(DatasetPart.Test)),
            _ when Directory.Exists(spec) => LoadDirectory(spec, options),
            _ when File.Exists(spec) => throw new DatasetException(spec, $"is a file, not a dataset; expected {Accepted}"),
            _ => throw new DatasetException(spec, $"unknown data: not a dataset name or an existing directory; expected {Accepted}"),
        };
        return new ImageDatasetSplit(Fit(split.Train, options), Fit(split.Test, options));
    }

    /// <summary>True when <paramref name="spec"/> names a CSV table (a path ending in <c>.csv</c>) rather than images.</summary>
    public static bool IsTable(string spec) => spec?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Loads the CSV table <paramref name="path"/> (see <see cref="CsvTable"/>) and splits its rows into train and
    /// test deterministically, per class when <paramref name="labelColumn"/> is given (<see cref="Splits.Stratified"/>).
    /// </summary>
    /// <exception cref="DatasetException">The file is missing or malformed, or the label column is not in its header.</exception>
    public static TabularDatasetSplit LoadTable(string path, string? labelColumn, double testFraction = 0.2, ulong? splitSeed = 0) =>
        SplitTable(CsvTable.Load(path, labelColumn, out var classNames), classNames, testFraction, splitSeed);

    /// <summary>Splits the rows of <paramref name="all"/> as <see cref="LoadTable"/> does.</summary>
    /// <exception cref="DatasetException">Either part would be empty.</exception>
    public static TabularDatasetSplit SplitTable(TabularDataset all, IReadOnlyList<string>? classNames, double testFraction = 0.2, ulong? splitSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(all);
        var (train, test) = Splits.Stratified(all.Count, all.Labels, testFraction, splitSeed);
        if (train.Length == 0 || test.Length == 0)
            throw new DatasetException(all.Source, $"{all.Count} rows are too few for a train/test split (test fraction {testFraction})");
        return new TabularDatasetSplit(Rows(all, train, all.Source + " (train part)"), Rows(all, test, all.Source + " (test part)"), classNames);
    }

    private static TabularDataset Rows(TabularDataset all, int[] indices, string source)
    {
        var d = all.FeatureCount;
        var features = new float[(long)indices.Length * d];
        for (var i = 0; i < indices.Length; i++) all.Row(indices[i]).CopyTo(features.AsSpan(i * d, d));
        var labels = all.Labels is null ? null : Array.ConvertAll(indices, i => all.Labels[i]);
        return new TabularDataset(features, indices.Length, d, labels, all.ColumnNames, source);
    }

    private static ImageDatasetSplit LoadDirectory(string directory, ImageLoadOptions options)
    {
        if (IdxDirectory.Find(directory, DatasetPart.Train) is { } train)
        {
            var trainSet = IdxFile.Load(train.Images, train.Labels);
            if (IdxDirectory.Find(directory, DatasetPart.Test) is { } test)
                return new ImageDatasetSplit(trainSet, IdxFile.Load(test.Images, test.Labels, trainSet.ClassNames));
            return Split(trainSet, options);
        }
        return Split(ImageFolder.Load(directory, options), options);
    }

    private static ImageDatasetSplit Split(ImageDataset all, ImageLoadOptions options)
    {
        var (train, test) = Splits.Stratified(all.Count, all.Labels, options.TestFraction, options.SplitSeed);
        return new ImageDatasetSplit(all.Subset(train, all.Source + " (train part)"), all.Subset(test, all.Source + " (test part)"));
    }

    private static ImageDataset Fit(ImageDataset data, ImageLoadOptions options) =>
        ImageResampler.Resize(data, options.Channels ?? data.Channels, options.Height ?? data.Height, options.Width ?? data.Width);
}
