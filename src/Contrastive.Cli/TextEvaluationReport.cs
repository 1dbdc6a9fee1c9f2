using System.Globalization;
using System.Text.Json;
using Contrastive.IO;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary>The held-out figures of a text encoder next to TF-IDF's: printed line by line and written to
/// <see cref="RunFiles.TextEvaluation"/> (by <c>train</c> on text and by <c>eval</c> of a text run or backbone).</summary>
internal static class TextEvaluationReport
{
    /// <summary>Prints the figures and writes <see cref="RunFiles.TextEvaluation"/> into <paramref name="directory"/>; returns its path.</summary>
    public static string Write(string directory, TextScores learned, TextScores baseline, int knnK, TextWriter output)
    {
        foreach (var line in Describe(learned, baseline, knnK)) output.WriteLine(line);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, RunFiles.TextEvaluation);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new { knnK, learned, baseline }, TrainConfig.Json));
        return path;
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
