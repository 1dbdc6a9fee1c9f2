using System.Globalization;
using Contrastive.Evaluation.Classification;

namespace Contrastive.Evaluation.Report;

/// <summary>Builds the standard report.html of an evaluation: configuration, figures, per-class tables and charts.</summary>
public static class EvaluationReport
{
    /// <summary>Assembles the report of <paramref name="result"/> with everything <paramref name="inputs"/> provides.</summary>
    /// <exception cref="ArgumentException">Test embeddings without matching labels.</exception>
    public static HtmlReport Build(EvaluationResult result, ReportInputs? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var i = inputs ?? new ReportInputs();
        var report = new HtmlReport(i.Title);
        if (i.Config.Count > 0) report.AddKeyValues("Run configuration", i.Config);
        report.AddTable("Summary", ["metric", "value"], SummaryRows(result).Select(r => (IReadOnlyList<string>)[r.Name, r.Value]));
        ReportCharts.AddTraining(report, i.Training);
        AddClassTables(report, result, i.ClassNames);
        ReportCharts.AddEvaluationCharts(report, result, i);
        return report;
    }

    private static IEnumerable<(string Name, string Value)> SummaryRows(EvaluationResult r)
    {
        yield return ("embeddings (train / test, dim)", $"{r.TrainCount} / {r.TestCount}, {r.Dim}");
        if (r.Knn is { } knn)
        {
            yield return ($"kNN top-1 (k = {knn.K}, T = {F(knn.Temperature)})", Pct(knn.Result.Top1));
            yield return ("kNN top-5", Pct(knn.Result.Top5));
        }
        if (r.LinearProbe is { } probe)
        {
            yield return ($"linear probe top-1 ({probe.Options.Epochs} epochs)", Pct(probe.Result.Top1));
            yield return ("linear probe top-5", Pct(probe.Result.Top5));
        }
        if (r.ZeroShotAccuracy is { } zeroShot) yield return ("zero-shot top-1 (class-name prompts)", Pct(zeroShot));
        if (r.ImageText is { } it)
        {
            yield return ("image-text retrieval: test images / distinct captions", $"{it.ImageToText.Queries} / {it.Captions}");
            foreach (var k in it.ImageToText.RecallAtK) yield return ($"image to text recall@{k.K}", Pct(k.Value));
            foreach (var k in it.TextToImage.RecallAtK) yield return ($"text to image recall@{k.K}", Pct(k.Value));
        }
        if (r.Baseline is { } b)
        {
            if (b.Knn is { } bk) yield return ($"kNN top-1 on {b.Name} (dim {b.Dim}), the baseline", Pct(bk.Result.Top1));
            if (b.LinearProbe is { } bp) yield return ($"linear probe top-1 on {b.Name}, the baseline", Pct(bp.Result.Top1));
        }
        if (r.FewLabels is { } few)
        {
            var raw = r.Baseline?.FewLabels;
            foreach (var (row, i) in few.Select((row, i) => (row, i)))
            {
                var baseline = raw is not null && i < raw.Count ? $" ({r.Baseline!.Name}: {Pct(raw[i].KnnTop1)} / {Pct(raw[i].LinearProbeTop1)})" : "";
                yield return ($"kNN / linear probe with {row.LabelsPerClass} label(s) per class (mean of {row.Draws} draws)",
                    $"{Pct(row.KnnTop1)} / {Pct(row.LinearProbeTop1)}{baseline}");
            }
        }
        foreach (var row in r.SupervisedFewLabels ?? [])
            yield return ($"supervised network trained from scratch on {row.LabelsPerClass} label(s) per class ({row.Steps} steps, mean of {row.Draws} draws)", Pct(row.Top1));
        if (r.Verification is { } v)
        {
            yield return ("verification ROC-AUC", F(v.RocAuc));
            yield return ("verification average precision", F(v.AveragePrecision));
            yield return ("verification EER", F(v.EqualErrorRate));
            foreach (var t in v.TarAtFar) yield return ($"TAR @ FAR = {t.Far.ToString("G", CultureInfo.InvariantCulture)}", F(t.Tar));
            yield return ($"accuracy / F1 at threshold {F(v.Test.Threshold)} (best {v.Criterion} on validation pairs)", $"{F(v.Test.Accuracy)} / {F(v.Test.F1)}");
        }
        if (r.Retrieval is { } ret)
        {
            yield return ("retrieval precision@1", F(ret.PrecisionAt1));
            foreach (var k in ret.RecallAtK) yield return ($"retrieval recall@{k.K}", F(k.Value));
            yield return ("retrieval MAP@R", F(ret.MapAtR));
            yield return ("retrieval MRR", F(ret.Mrr));
        }
        if (r.Health is { } h)
        {
            yield return ($"mean per-dim std (healthy 1/sqrt(D) = {F(h.HealthyDimStd)})", $"{F(h.MeanDimStd)} (ratio {F(h.StdRatio)})");
            yield return ($"effective rank (of {h.Dim})", F(h.EffectiveRank));
            yield return ("uniformity (t = 2)", F(h.Uniformity));
            if (h.MeanPositiveCosine is { } pos && h.MeanNegativeCosine is { } neg)
                yield return ("mean cosine same / different class", $"{F(pos)} / {F(neg)}");
        }
    }

    private static void AddClassTables(HtmlReport report, EvaluationResult r, IReadOnlyList<string>? names)
    {
        var reports = new List<(string Name, ClassificationReport Report)>();
        if (r.Knn is { } knn) reports.Add(("kNN", knn.Result));
        if (r.LinearProbe is { } probe) reports.Add(("linear probe", probe.Result));
        if (reports.Count == 0) return;
        var classes = reports.Max(x => x.Report.PerClassAccuracy.Length);
        report.AddTable("Per-class accuracy", ["class", .. reports.Select(x => x.Name)],
            Enumerable.Range(0, classes).Select(c => (IReadOnlyList<string>)[ClassName(names, c), .. reports.Select(x => c < x.Report.PerClassAccuracy.Length ? Pct(x.Report.PerClassAccuracy[c]) : "")]));
        var (title, confusion) = (reports[0].Name, reports[0].Report.ConfusionMatrix);
        report.AddTable($"Confusion matrix ({title}; rows true, columns predicted)", ["true \\ predicted", .. Enumerable.Range(0, confusion.Length).Select(c => ClassName(names, c))],
            confusion.Select((row, c) => (IReadOnlyList<string>)[ClassName(names, c), .. row.Select(v => v.ToString(CultureInfo.InvariantCulture))]));
    }

    internal static string ClassName(IReadOnlyList<string>? names, int c) =>
        names is not null && c < names.Count ? names[c] : c.ToString(CultureInfo.InvariantCulture);

    private static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Pct(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
