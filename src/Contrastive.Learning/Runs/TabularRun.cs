using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Data.Formats;
using Contrastive.IO;

namespace Contrastive.Runs;

/// <summary>
/// CSV tables and run directories: training fits the feature standardisation on the train split and stores it as
/// <see cref="RunFiles.Standardization"/> next to the model; embedding and evaluation read a CSV back through it, so new
/// rows are scaled exactly as the training rows were.
/// </summary>
public static class TabularRun
{
    /// <summary>Loads <paramref name="csv"/> for training: the deterministic split, standardised with statistics fitted on its train part.</summary>
    /// <exception cref="DatasetException">The CSV is missing or malformed, or the label column is not in its header.</exception>
    public static (TabularDatasetSplit Data, FeatureStandardizer Standardizer) LoadForTraining(string csv, string? labelColumn)
    {
        var raw = DatasetResolver.LoadTable(csv, labelColumn);
        var standardizer = FeatureStandardizer.Fit(raw.Train, labelColumn);
        return (standardizer.Apply(raw), standardizer);
    }

    /// <summary>The run's stored standardisation.</summary>
    /// <exception cref="DatasetException">The run has none (it was not trained on a table) or the file is malformed.</exception>
    public static FeatureStandardizer Standardizer(string runDirectory) =>
        FeatureStandardizer.Load(new RunDirectory(runDirectory).Standardization);

    /// <summary>
    /// Loads <paramref name="csv"/> for the run in <paramref name="runDirectory"/>: the same deterministic split as in
    /// training, standardised with the run's statistics. With <paramref name="requireLabels"/> the run's label column
    /// must be present; otherwise a CSV without it (new, unlabeled rows) reads as unlabeled.
    /// </summary>
    public static TabularDatasetSplit LoadSplit(string csv, string runDirectory, bool requireLabels)
    {
        var standardizer = Standardizer(runDirectory);
        var all = standardizer.Apply(CsvTable.Load(csv, LabelColumn(csv, standardizer, requireLabels), out var classNames));
        return DatasetResolver.SplitTable(all, classNames);
    }

    /// <summary>Every row of <paramref name="csv"/> in file order, standardised with the run's statistics, with its labels
    /// and their class names when the run's label column is present.</summary>
    public static (TabularDataset Data, IReadOnlyList<string>? ClassNames) LoadAll(string csv, string runDirectory)
    {
        var standardizer = Standardizer(runDirectory);
        var table = CsvTable.Load(csv, LabelColumn(csv, standardizer, requireLabels: false), out var classNames);
        return (standardizer.Apply(table), classNames);
    }

    private static string? LabelColumn(string csv, FeatureStandardizer standardizer, bool requireLabels) =>
        standardizer.LabelColumn is { } label && (requireLabels || CsvTable.ReadHeader(csv).Contains(label)) ? label : null;
}
