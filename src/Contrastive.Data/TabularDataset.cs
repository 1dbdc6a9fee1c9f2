using Contrastive.Tensors;

namespace Contrastive.Data;

/// <summary>N rows of D float32 features (row-major) with optional integer class labels.</summary>
public sealed class TabularDataset : ISampleSet
{
    private readonly float[] _features;

    /// <summary>Creates a dataset, validating sizes, labels and values.</summary>
    /// <exception cref="ArgumentException">Sizes disagree, a label is negative, or a value is NaN/infinite; the message names <paramref name="source"/>.</exception>
    public TabularDataset(float[] features, int count, int featureCount, int[]? labels, IReadOnlyList<string> columnNames, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(columnNames);
        Source = source;
        if (features.Length != (long)count * featureCount)
            throw new ArgumentException($"{source}: {features.Length} values for {count} rows of {featureCount} features");
        if (columnNames.Count != featureCount)
            throw new ArgumentException($"{source}: {columnNames.Count} column names for {featureCount} features");
        for (var i = 0; i < features.Length; i++)
            if (!float.IsFinite(features[i]))
                throw new ArgumentException($"{source}: row {i / Math.Max(1, featureCount)} column '{columnNames[i % featureCount]}' is {features[i]}");
        if (labels is not null)
        {
            if (labels.Length != count) throw new ArgumentException($"{source}: {labels.Length} labels for {count} rows");
            for (var i = 0; i < labels.Length; i++)
                if (labels[i] < 0) throw new ArgumentException($"{source}: label {labels[i]} of row {i} is negative");
            ClassCount = labels.Length == 0 ? 0 : labels.Max() + 1;
        }
        _features = features;
        Count = count;
        FeatureCount = featureCount;
        Labels = labels;
        ColumnNames = columnNames;
    }

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Feature column names.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Labels, or null when unlabeled.</summary>
    public int[]? Labels { get; }

    /// <summary>Number of classes (0 when unlabeled).</summary>
    public int ClassCount { get; }

    /// <summary>All features, row-major.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>The features of row <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => _features.AsSpan(checked(index * FeatureCount), FeatureCount);

    /// <inheritdoc />
    public Tensor Gather(ReadOnlySpan<int> rows) => FixedSizeSamples.Gather(_features, FeatureCount, rows, [FeatureCount]);
}
