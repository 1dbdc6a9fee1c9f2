using System.Globalization;
using System.Text.Json;
using Contrastive.IO;
using Contrastive.Runs;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary>The held-out figures of a text encoder next to TF-IDF's: printed line by line, written to
/// <see cref="RunFiles.TextEvaluation"/> and shown in <see cref="RunFiles.Report"/> with the run's configuration and training
/// curves (by <c>train</c> on text and by <c>eval</c> of a text run or backbone).</summary>
internal static class TextEvaluationReport
{
    /// <summary>Prints the figures and writes <see cref="RunFiles.TextEvaluation"/> and <see cref="RunFiles.Report"/> into
    /// <paramref name="directory"/>; <paramref name="metrics"/> (null for an untrained backbone) gives the report its training curves.</summary>
    /// <returns>The paths of the two files written.</returns>
    public static (string Figures, string Report) Write(string directory, TextScores learned, TextScores baseline, int knnK,
        TrainConfig config, IReadOnlyList<EpochMetrics>? metrics, TextWriter output)
    {
        foreach (var line in Describe(learned, baseline, knnK)) output.WriteLine(line);
        var run = new RunDirectory(directory);
        Directory.CreateDirectory(run.Path);
        var figures = run.TextEvaluation;
        AtomicFile.WriteAllText(figures, JsonSerializer.Serialize(new { knnK, learned, baseline }, TrainConfig.Json));
        var report = run.Report;
        TextRunReport.Build($"Contrastive.NET report: {config.Method} on {config.Data}", learned, baseline, knnK, RunEvaluation.Rows(config), metrics).Save(report);
        return (figures, report);
    }

    private static IEnumerable<string> Describe(TextScores learned, TextScores baseline, int k)
    {
        if (learned.Retrieval is { } r && baseline.Retrieval is { } b)
        {
            yield return $"held-out retrieval ({r.Queries} anchors, each against all held-out positives):";
            foreach (var (mine, theirs) in r.RecallAtK.Zip(b.RecallAtK))
                yield return $"  recall@{mine.K}: {learned.Name} {Percent(mine.Value)}, TF-IDF {Percent(theirs.Value)}";
            yield return $"  MRR: {learned.Name} {r.Mrr:F4}, TF-IDF {b.Mrr:F4}; MAP@R: {learned.Name} {r.MapAtR:F4}, TF-IDF {b.MapAtR:F4}";
        }
        if (learned.KnnAccuracy is { } knn)
            yield return $"kNN (k={k}) held-out accuracy: {learned.Name} {Percent(knn)}, TF-IDF {Percent(baseline.KnnAccuracy)}";
        if (learned.LinearProbeAccuracy is { } probe)
            yield return $"linear probe held-out accuracy: {learned.Name} {Percent(probe)}, TF-IDF {Percent(baseline.LinearProbeAccuracy)}";
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "n/a";
}
