using System.Text.Json;
using System.Text.Json.Serialization;
using Contrastive.IO;

namespace Contrastive.Data.Datasets;

/// <summary>
/// Per-column standardisation x' = (x - mean) / std with the mean and (population) std of a training table, so that
/// columns of very different scales weigh alike; a constant column has std 1 (it maps to 0). Saved as JSON with the
/// column names and the label column, so a trained model sees new rows exactly as it saw its training rows.
/// </summary>
public sealed class FeatureStandardizer
{
    private const string Format = "contrastive-standardization";
    private const int Version = 1;

    private FeatureStandardizer(IReadOnlyList<string> columns, float[] mean, float[] std, string? labelColumn) =>
        (Columns, Mean, Std, LabelColumn) = (columns, mean, std, labelColumn);

    /// <summary>The feature columns, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Per-column mean.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>Per-column standard deviation (1 for constant columns).</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>The label column the table was read with, or null when unlabeled.</summary>
    public string? LabelColumn { get; }

    /// <summary>Fits the statistics on <paramref name="train"/> (accumulated in double).</summary>
    public static FeatureStandardizer Fit(TabularDataset train, string? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var d = train.FeatureCount;
        var sum = new double[d];
        var sumSq = new double[d];
        for (var i = 0; i < train.Count; i++)
        {
            var row = train.Row(i);
            for (var j = 0; j < d; j++) sum[j] += row[j];
        }
        var mean = sum.Select(s => s / Math.Max(1, train.Count)).ToArray();
        for (var i = 0; i < train.Count; i++)
        {
            var row = train.Row(i);
            for (var j = 0; j < d; j++) sumSq[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
        var std = sumSq.Select(s => Math.Sqrt(s / Math.Max(1, train.Count))).Select(s => s > 1e-12 ? (float)s : 1f).ToArray();
        return new FeatureStandardizer(train.ColumnNames.ToArray(), Array.ConvertAll(mean, m => (float)m), std, labelColumn);
    }

    /// <summary>The standardised copy of <paramref name="data"/>.</summary>
    /// <exception cref="DatasetException">The table's columns are not the fitted ones (names and order).</exception>
    public TabularDataset Apply(TabularDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.ColumnNames.SequenceEqual(Columns))
            throw new DatasetException(data.Source, $"its feature columns ({Describe(data.ColumnNames)}) are not the {Columns.Count} the model was trained on ({Describe(Columns)})");
        var d = data.FeatureCount;
        var values = data.Features.ToArray();
        for (var i = 0; i < values.Length; i++) values[i] = (values[i] - Mean[i % d]) / Std[i % d];
        return new TabularDataset(values, data.Count, d, data.Labels, data.ColumnNames, data.Source);
    }

    /// <summary>Both parts of <paramref name="split"/> standardised.</summary>
    public TabularDatasetSplit Apply(TabularDatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return split with { Train = Apply(split.Train), Test = Apply(split.Test) };
    }

    /// <summary>Writes the statistics to <paramref name="path"/> as JSON.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(
        new Stored(Format, Version, LabelColumn, [.. Columns], [.. Mean], [.. Std]), s_json));

    /// <summary>Reads statistics written by <see cref="Save"/>.</summary>
    /// <exception cref="DatasetException">The file is missing, malformed or inconsistent.</exception>
    public static FeatureStandardizer Load(string path)
    {
        if (!File.Exists(path)) throw new DatasetException(path, "not found (was the run trained on a CSV table?)");
        Stored? s;
        try
        {
            s = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), s_json);
        }
        catch (JsonException e)
        {
            throw new DatasetException(path, $"invalid standardisation file: {e.Message}", e);
        }
        if (s is null || s.Format != Format || s.Version != Version)
            throw new DatasetException(path, $"not a {Format} file of version {Version}");
        if (s.Columns is null || s.Mean is null || s.Std is null || s.Columns.Length == 0
            || s.Mean.Length != s.Columns.Length || s.Std.Length != s.Columns.Length)
            throw new DatasetException(path, "columns, mean and std must be present and of the same length");
        if (s.Mean.Any(m => !float.IsFinite(m)) || s.Std.Any(v => !(v > 0 && float.IsFinite(v))))
            throw new DatasetException(path, "means must be finite and stds finite and positive");
        return new FeatureStandardizer(s.Columns, s.Mean, s.Std, s.LabelColumn);
    }

    private static string Describe(IReadOnlyList<string> columns) =>
        string.Join(", ", columns.Take(8).Select(c => $"'{c}'")) + (columns.Count > 8 ? $", ... {columns.Count} in all" : "");

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    private sealed record Stored(string? Format, int Version, string? LabelColumn, string[]? Columns, float[]? Mean, float[]? Std);
}
