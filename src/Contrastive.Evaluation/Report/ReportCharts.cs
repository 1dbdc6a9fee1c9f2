using Contrastive.Evaluation.Charts;
using Contrastive.Evaluation.Retrieval;
using Contrastive.Evaluation.Verification;

namespace Contrastive.Evaluation.Report;

/// <summary>The chart sections of the standard report.</summary>
public static class ReportCharts
{
    /// <summary>Adds the training charts (loss and learning rate per step, kNN accuracy and health per epoch) when curves are given.</summary>
    public static void AddTraining(HtmlReport report, TrainingCurves? t)
    {
        if (t is null) return;
        if (t.StepLoss.Count > 0)
            report.AddChart("Training loss", new LineChart("Training loss per step", "step", "loss", [ChartSeries.Indexed("loss", t.StepLoss)]).ToSvg());
        if (t.StepLearningRate.Count > 0)
            report.AddChart("Learning rate", new LineChart("Learning rate per step", "step", "learning rate", [ChartSeries.Indexed("learning rate", t.StepLearningRate)]).ToSvg());
        if (t.EpochKnnAccuracy.Count > 0)
        {
            List<ChartSeries> series = [ChartSeries.Indexed("kNN top-1", t.EpochKnnAccuracy)];
            if (t.EpochZeroShotAccuracy.Count > 0) series.Add(ChartSeries.Indexed("zero-shot top-1", t.EpochZeroShotAccuracy));
            report.AddChart("kNN accuracy per epoch", new LineChart("Test accuracy per epoch", "epoch", "accuracy", series).ToSvg());
        }
        if (t.Health.Count > 0)
        {
            var epochs = t.Health.Select(c => (double)c.Epoch).ToArray();
            report.AddChart("Representation health per epoch", new LineChart("Spread of the embeddings per epoch", "epoch", "fraction of healthy",
            [
                new ChartSeries("std ratio (std * sqrt(D))", epochs, [.. t.Health.Select(c => c.StdRatio)]),
                new ChartSeries("effective rank / D", epochs, [.. t.Health.Select(c => c.EffectiveRankFraction)]),
            ]).ToSvg(), "A std ratio near 1 means well spread unit vectors; a fall toward 0 means collapse.");
            report.AddChart("Alignment and uniformity per epoch", new LineChart("Alignment and uniformity per epoch", "epoch", "value",
            [
                new ChartSeries("uniformity (t = 2)", epochs, [.. t.Health.Select(c => c.Uniformity)]),
                new ChartSeries("alignment (alpha = 2)", epochs, [.. t.Health.Select(c => c.Alignment ?? double.NaN)]),
            ]).ToSvg());
            report.AddTable("Collapse monitor", ["epoch", "status", "message"],
                t.Health.Select(c => (IReadOnlyList<string>)[c.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Status, c.Message]));
        }
    }

    /// <summary>Adds the evaluation charts: ROC, similarity histograms, PCA and t-SNE maps and the nearest-neighbour grid.</summary>
    public static void AddEvaluationCharts(HtmlReport report, EvaluationResult result, ReportInputs i)
    {
        if (result.Verification is { } v) report.AddChart("ROC curve", RocChart.ToSvg(v.Roc, "ROC of test pairs"), $"EER {v.EqualErrorRate:0.0000}; points with collinear neighbours dropped (sklearn drop_intermediate).");
        if (i.TestEmbeddings is not { } x) return;
        if (i.TestLabels is not { } labels || labels.Length != x.Count)
            throw new ArgumentException($"the report needs one test label per test embedding ({x.Count}), got {i.TestLabels?.Length ?? 0}", nameof(i));
        var pairs = VerificationPairs.Sample(x, labels, 20_000, i.Seed);
        report.AddChart("Similarity of positive and negative pairs", new HistogramChart("Cosine similarity of test pairs", "cosine similarity",
        [
            ("same class", [.. pairs.Scores.Where((_, k) => pairs.Labels[k] == 1)]),
            ("different class", [.. pairs.Scores.Where((_, k) => pairs.Labels[k] == 0)]),
        ]).ToSvg(), "Each group is normalised to its own count; well separated humps mean the embedding discriminates classes.");
        var rows = Subsample.Indices(x.Count, i.ProjectionPoints, i.Seed + 1);
        var sample = Subsample.Rows(x, rows);
        var sampleLabels = rows.Select(r => labels[r]).ToArray();
        report.AddChart("PCA of test embeddings", new ScatterChart($"PCA of {rows.Length} test embeddings", Pca.Project(sample), sampleLabels) { ClassNames = i.ClassNames }.ToSvg());
        if (sample.Count >= 4)
            report.AddChart("t-SNE of test embeddings", new ScatterChart($"t-SNE of {rows.Length} test embeddings (perplexity {i.Tsne.Perplexity:0})", Tsne.Embed(sample, i.Tsne), sampleLabels)
            { ClassNames = i.ClassNames, AxisLabels = ("t-SNE 1", "t-SNE 2") }.ToSvg());
        if (i.TestImage is { } image && x.Count >= 2)
        {
            var queries = Subsample.Indices(x.Count, i.NeighborGrid.Queries, i.Seed + 2);
            var neighbours = NearestNeighbors.Find(x, queries, i.NeighborGrid.Neighbors);
            var gridRows = queries.Select((q, k) => new NeighborRow(image(q), [.. neighbours[k].Select(image)])).ToArray();
            report.AddChart("Nearest neighbours", new NeighborGrid("Nearest test neighbours by cosine similarity", gridRows) { ClassNames = i.ClassNames }.ToSvg(),
                "Green frame: same class as the query; red: another class.");
        }
    }
}
