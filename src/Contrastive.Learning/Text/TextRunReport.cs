using System.Globalization;
using Contrastive.Evaluation.Report;
using Contrastive.Runs;
using Contrastive.Training;

namespace Contrastive.Text;

/// <summary>
/// The report.html of a text run or backbone: its configuration, the held-out figures of the encoder next to TF-IDF's
/// (retrieval for pairs and triplets, kNN and linear probe for labelled texts) and, for a trained run, its training curves.
/// </summary>
public static class TextRunReport
{
    /// <summary>Builds the report of <paramref name="learned"/> against <paramref name="baseline"/>.</summary>
    /// <param name="title">The report title.</param>
    /// <param name="learned">The encoder's held-out figures.</param>
    /// <param name="baseline">The baseline's figures, computed the same way.</param>
    /// <param name="knnK">The k of the kNN figures.</param>
    /// <param name="config">The run configuration as rows (see <see cref="RunEvaluation.Rows"/>).</param>
    /// <param name="metrics">The run's per-epoch metrics, or null for an encoder that was not trained here.</param>
    public static HtmlReport Build(string title, TextScores learned, TextScores baseline, int knnK,
        IReadOnlyList<KeyValuePair<string, string>> config, IReadOnlyList<EpochMetrics>? metrics)
    {
        ArgumentNullException.ThrowIfNull(learned);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(config);
        var report = new HtmlReport(title);
        if (config.Count > 0) report.AddKeyValues("Run configuration", config);
        report.AddTable("Held-out figures", ["metric", learned.Name, baseline.Name],
            Rows(learned, baseline, knnK).Select(r => (IReadOnlyList<string>)[r.Metric, r.Learned, r.Baseline]));
        if (metrics is not null) ReportCharts.AddTraining(report, MetricsCurves.From(metrics));
        return report;
    }

    private static IEnumerable<(string Metric, string Learned, string Baseline)> Rows(TextScores learned, TextScores baseline, int k)
    {
        if (learned.Retrieval is { } r)
        {
            var b = baseline.Retrieval;
            yield return ("anchors queried (each against all held-out positives)", Count(r.Queries), Count(b?.Queries));
            foreach (var (recall, i) in r.RecallAtK.Select((recall, i) => (recall, i)))
                yield return ($"recall@{recall.K}", Pct(recall.Value), Pct(b is not null && i < b.RecallAtK.Count ? b.RecallAtK[i].Value : null));
            yield return ("precision@1", Pct(r.PrecisionAt1), Pct(b?.PrecisionAt1));
            yield return ("MRR", F(r.Mrr), F(b?.Mrr));
            yield return ("MAP@R", F(r.MapAtR), F(b?.MapAtR));
        }
        if (learned.KnnAccuracy is { } knn) yield return ($"kNN top-1 (k = {k})", Pct(knn), Pct(baseline.KnnAccuracy));
        if (learned.LinearProbeAccuracy is { } probe) yield return ("linear probe top-1", Pct(probe), Pct(baseline.LinearProbeAccuracy));
    }

    private static string Count(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static string F(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";

    private static string Pct(double? v) => v is { } x ? (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "n/a";
}
