using System.Text.Json;
using System.Xml.Linq;
using Contrastive.Evaluation.Charts;
using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Health;
using Contrastive.Evaluation.Report;

namespace Contrastive.Evaluation.Tests;

public class ReportTests
{
    private static (EvaluationResult Result, ReportInputs Inputs) Sample()
    {
        var (train, trainLabels) = Synthetic.Clusters(seed: 1, perClass: 40, classes: 4, dim: 12, spread: 0.6f);
        var (test, testLabels) = Synthetic.Clusters(seed: 2, perClass: 15, classes: 4, dim: 12, spread: 0.6f);
        var options = new EvaluationOptions { LinearProbe = new LinearProbeOptions { Epochs = 5 }, VerificationPairs = 400, HealthSamples = 50 };
        var result = Evaluator.Run(train, trainLabels, test, testLabels, options);
        var monitor = new CollapseMonitor();
        monitor.Check(1, test);
        monitor.Check(2, test);
        var inputs = new ReportInputs
        {
            Title = "Sample <run> & report",
            Config = [new("method", "SimCLR"), new("temperature", "0.5")],
            ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress"],
            TestEmbeddings = test,
            TestLabels = testLabels,
            TestImage = i => new ImageTile([.. Enumerable.Range(0, 16).Select(p => (p + i) % 16 / 15f)], 1, 4, 4, testLabels[i]),
            Training = new TrainingCurves { StepLoss = [5, 4, 3.5], StepLearningRate = [0.06, 0.03, 0], EpochKnnAccuracy = [0.5, 0.7], Health = [.. monitor.History.Select(EpochHealth.Of)] },
            ProjectionPoints = 40,
            Tsne = new TsneOptions { Iterations = 60, ExaggerationIterations = 20 },
            NeighborGrid = (2, 3),
        };
        return (result, inputs);
    }

    [Fact]
    public void Baseline_runs_the_embedding_protocols_on_raw_inputs_and_shows_in_json_and_summary()
    {
        var (train, trainLabels) = Synthetic.Clusters(seed: 3, perClass: 30, classes: 3, dim: 10, spread: 0.8f);
        var (test, testLabels) = Synthetic.Clusters(seed: 4, perClass: 10, classes: 3, dim: 10, spread: 0.8f);
        var options = new EvaluationOptions { LinearProbe = new LinearProbeOptions { Epochs = 5 }, VerificationPairs = 0, HealthSamples = 0 };
        var learned = Evaluator.Run(train, trainLabels, test, testLabels, options);
        var baseline = Evaluator.RunBaseline("raw pixels", train, trainLabels, test, testLabels, options);
        Assert.Equal(learned.Knn!.Result.Top1, baseline.Knn!.Result.Top1);
        Assert.Equal(learned.LinearProbe!.Result.Top1, baseline.LinearProbe!.Result.Top1);
        Assert.Equal(10, baseline.Dim);

        var result = learned with { Baseline = baseline };
        var read = EvaluationResult.FromJson(result.ToJson()).Baseline!;
        Assert.Equal(("raw pixels", baseline.Knn.Result.Top1, baseline.LinearProbe.Result.Top1), (read.Name, read.Knn!.Result.Top1, read.LinearProbe!.Result.Top1));
        Assert.Contains("kNN top-1 on raw pixels (dim 10), the baseline", EvaluationReport.Build(result).Render());
        Assert.Contains("zero-shot top-1 (class-name prompts)", EvaluationReport.Build(result with { ZeroShotAccuracy = 0.5 }).Render());
        Assert.DoesNotContain("zero-shot", EvaluationReport.Build(result).Render());
        var supervised = result with { SupervisedFewLabels = [new SupervisedFewLabelAccuracy(10, 5, 300, 0.7123)] };
        Assert.Contains("supervised network trained from scratch on 10 label(s) per class (300 steps, mean of 5 draws)</td><td>71.23 %",
            EvaluationReport.Build(supervised).Render());
        Assert.Equal(0.7123, EvaluationResult.FromJson(supervised.ToJson()).SupervisedFewLabels!.Single().Top1);
        Assert.DoesNotContain("supervised network", EvaluationReport.Build(result).Render());
        Assert.Throws<ArgumentException>(() => Evaluator.RunBaseline("raw", train, trainLabels, test, trainLabels, options));
    }

    [Fact]
    public void Report_contains_every_section_and_is_well_formed_xhtml()
    {
        var (result, inputs) = Sample();
        var report = EvaluationReport.Build(result, inputs);
        string[] expected =
        [
            "Run configuration", "Summary", "Training loss", "Learning rate", "kNN accuracy per epoch", "Representation health per epoch",
            "Alignment and uniformity per epoch", "Collapse monitor", "Per-class accuracy", "ROC curve", "Similarity of positive and negative pairs",
            "PCA of test embeddings", "t-SNE of test embeddings", "Nearest neighbours",
        ];
        foreach (var heading in expected) Assert.Contains(heading, report.Headings);
        Assert.Contains(report.Headings, h => h.StartsWith("Confusion matrix", StringComparison.Ordinal));
        var html = report.Render();
        // the document (after the doctype) parses as XML: every tag closed, all text escaped
        var doc = XDocument.Parse(html["<!DOCTYPE html>".Length..]);
        Assert.Equal("Sample <run> & report", doc.Descendants("title").First().Value);
        Assert.Equal(expected.Length + 1, doc.Descendants("section").Count());
        Assert.Equal(10, doc.Descendants().Count(e => e.Name.LocalName == "svg")); // one per chart section
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_saves_atomically_and_rejects_malformed_charts()
    {
        var dir = Directory.CreateTempSubdirectory("contrastive-report-");
        try
        {
            var path = Path.Combine(dir.FullName, "out", "report.html");
            new HtmlReport("r").AddText("Notes", "a < b\n\nsecond").Save(path);
            var html = File.ReadAllText(path);
            Assert.Contains("<p>a &lt; b</p>", html, StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        Assert.Contains("well-formed", Assert.Throws<ArgumentException>(() => new HtmlReport("r").AddChart("c", "<svg><g></svg>")).Message);
        Assert.Contains("expected <svg>", Assert.Throws<ArgumentException>(() => new HtmlReport("r").AddChart("c", "<div/>")).Message);
        Assert.Contains("row 0 has 1", Assert.Throws<ArgumentException>(() => new HtmlReport("r").AddTable("t", ["a", "b"], [["x"]])).Message);
    }

    [Fact]
    public void Evaluation_result_round_trips_through_camel_case_json()
    {
        var (result, _) = Sample();
        var json = result.ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.True(root.TryGetProperty("knn", out var knn));
        Assert.True(knn.GetProperty("result").TryGetProperty("top1", out _));
        Assert.Equal("Infinity", root.GetProperty("verification").GetProperty("roc").GetProperty("thresholds")[0].GetString());
        Assert.Equal("f1", root.GetProperty("verification").GetProperty("criterion").GetString());
        Assert.True(root.GetProperty("retrieval").TryGetProperty("mapAtR", out _));
        Assert.True(root.GetProperty("health").TryGetProperty("effectiveRank", out _));
        var back = EvaluationResult.FromJson(json);
        Assert.Equal(result.Knn!.Result.Top1, back.Knn!.Result.Top1);
        Assert.Equal(result.Verification!.RocAuc, back.Verification!.RocAuc);
        Assert.Equal(result.Retrieval!.RecallAtK, back.Retrieval!.RecallAtK);
        Assert.Equal(json, back.ToJson());
    }

    [Fact]
    public void Evaluator_on_separable_data_reports_high_figures()
    {
        var (result, _) = Sample();
        Assert.True(result.Knn!.Result.Top1 > 0.9, $"kNN {result.Knn.Result.Top1}");
        Assert.True(result.Retrieval!.PrecisionAt1 > 0.9, $"P@1 {result.Retrieval.PrecisionAt1}");
        Assert.True(result.Verification!.RocAuc > 0.9, $"AUC {result.Verification.RocAuc}");
        Assert.Equal(60, result.TestCount);
        Assert.Equal(50, result.Health!.Count);
    }
}
