using Contrastive.Data;
using Contrastive.Evaluation;
using Contrastive.Evaluation.Charts;
using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Report;
using Contrastive.IO;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Training;

namespace Contrastive.Runs;

/// <summary>
/// The full evaluation of a trained encoder on a labeled train/test split — kNN, linear probe, pair verification,
/// retrieval and representation health, with kNN and linear probe on the raw inputs as the baseline — written as <c>eval.json</c> and gathered with the training curves into a
/// self-contained <c>report.html</c>. Used at the end of <c>train</c> and by <c>eval</c>.
/// </summary>
public static class RunEvaluation
{
    /// <summary>Evaluates <paramref name="encoder"/> on data of any kind and writes eval.json and report.html into
    /// <paramref name="directory"/>; a CLIP encoder with <paramref name="imageText"/> also gets its zero-shot accuracy and
    /// image-text retrieval; <paramref name="supervised"/> (<see cref="SupervisedFewLabels"/>) joins the figures when given.</summary>
    /// <returns>The figures, or null when the data has no labels and is not image-text pairs (then the report holds the
    /// training curves only).</returns>
    public static EvaluationResult? Write(string directory, Module encoder, EvaluationData data, EvaluationOptions options,
        IReadOnlyList<KeyValuePair<string, string>> config, IReadOnlyList<EpochMetrics>? metrics = null, ImageTextEvaluation? imageText = null,
        IReadOnlyList<SupervisedFewLabelAccuracy>? supervised = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(data);
        var run = new RunDirectory(directory);
        Directory.CreateDirectory(run.Path);
        var curves = metrics is null ? null : MetricsCurves.From(metrics);
        var title = $"Contrastive.NET report: {config.FirstOrDefault(kv => kv.Key == "method").Value ?? "encoder"} on {data.Source}";
        var towers = imageText is null ? null : encoder as TwoTowerModel;
        if (!data.IsLabeled && towers is null)
        {
            var report = new HtmlReport(title).AddKeyValues("Run configuration", config)
                .AddText("Evaluation", "The data has no labels: kNN, probe, verification and retrieval need them. Training curves and health only.");
            ReportCharts.AddTraining(report, curves);
            report.Save(run.Report);
            return null;
        }

        EmbeddingMatrix test = data.EmbedTest(encoder);
        var result = data.IsLabeled
            ? Evaluator.Run(data.EmbedTrain(encoder), data.TrainLabels!, test, data.TestLabels!, options) with
            {
                Baseline = Evaluator.RunBaseline(data.RawName, data.RawTrain(), data.TrainLabels!, data.RawTest(), data.TestLabels!, options),
            }
            // image-text pairs without labels: retrieval of captions and images is the whole evaluation
            : new EvaluationResult(data.TrainCount, data.TestCount, test.Dim, null, null, null, null, null);
        if (towers is not null) result = imageText!.AddTo(result, towers, test);
        if (supervised is not null) result = result with { SupervisedFewLabels = supervised };
        result.Save(run.Evaluation);
        EvaluationReport.Build(result, new ReportInputs
        {
            Title = title,
            Config = config,
            ClassNames = data.ClassNames,
            TestEmbeddings = data.IsLabeled ? test : null,
            TestLabels = data.TestLabels,
            TestImage = data.TestImage,
            Training = curves,
            Seed = options.Seed,
        }).Save(run.Report);
        return result;
    }

    /// <summary>A config as report rows, without the options that have no effect on its method.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Rows(TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return System.Text.Json.JsonSerializer.SerializeToElement(config, TrainConfig.Json).EnumerateObject()
            .Where(p => MethodSpecs.OptionApplies(p.Name, config.Method))
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ToString())).ToList();
    }

    /// <summary>The default evaluation options for a run: kNN with the configured k, the bench's linear probe.</summary>
    public static EvaluationOptions Options(int knnK, int seed) => new()
    {
        Knn = new KnnOptions { K = knnK },
        Seed = (ulong)seed,
    };
}
