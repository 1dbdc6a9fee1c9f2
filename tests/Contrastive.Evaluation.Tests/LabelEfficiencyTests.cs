using Contrastive.Evaluation.Classification;

namespace Contrastive.Evaluation.Tests;

public class LabelEfficiencyTests
{
    private static readonly LinearProbeOptions s_probe = new() { Epochs = 30 };

    [Fact]
    public void More_labels_per_class_classify_overlapping_clusters_better()
    {
        var (train, trainLabels) = Synthetic.Clusters(seed: 1, perClass: 120, classes: 4, dim: 8, spread: 1.4f);
        var (test, testLabels) = Synthetic.Clusters(seed: 2, perClass: 50, classes: 4, dim: 8, spread: 1.4f);
        var rows = LabelEfficiency.Evaluate(train, trainLabels, test, testLabels, new KnnOptions { K = 20 }, s_probe, [1, 100], draws: 3);
        Assert.Equal([1, 100], rows.Select(r => r.LabelsPerClass));
        Assert.All(rows, r => Assert.Equal(3, r.Draws));
        Assert.True(rows[1].KnnTop1 > rows[0].KnnTop1, $"kNN {rows[0].KnnTop1} with 1 label, {rows[1].KnnTop1} with 100");
        Assert.True(rows[1].LinearProbeTop1 > rows[0].LinearProbeTop1, $"probe {rows[0].LinearProbeTop1} with 1 label, {rows[1].LinearProbeTop1} with 100");
        Assert.All(rows, r => Assert.InRange(r.KnnTop1, 0.25, 1.0));
    }

    [Fact]
    public void Every_training_sample_used_gives_the_full_data_knn_accuracy()
    {
        var (train, trainLabels) = Synthetic.Clusters(seed: 3, perClass: 30, classes: 3, dim: 6, spread: 1.2f);
        var (test, testLabels) = Synthetic.Clusters(seed: 4, perClass: 20, classes: 3, dim: 6, spread: 1.2f);
        var knn = new KnnOptions { K = 10 };
        var full = KnnClassifier.Evaluate(train, trainLabels, test, testLabels, knn).Top1;
        var row = LabelEfficiency.Evaluate(train, trainLabels, test, testLabels, knn, s_probe, [500], draws: 2).Single();
        Assert.Equal(full, row.KnnTop1, 12);
    }

    [Fact]
    public void Draw_rows_are_the_samples_the_few_label_knn_sees()
    {
        var (train, labels) = Synthetic.Clusters(seed: 8, perClass: 40, classes: 3, dim: 5, spread: 1.6f);
        var (test, testLabels) = Synthetic.Clusters(seed: 9, perClass: 30, classes: 3, dim: 5, spread: 1.6f);
        var knn = new KnnOptions { K = 3 };
        var row = LabelEfficiency.Evaluate(train, labels, test, testLabels, knn, s_probe, [2], draws: 1, seed: 11).Single();
        var rows = LabelEfficiency.DrawRows(labels, perClass: 2, draw: 0, seed: 11);
        Assert.Equal(6, rows.Distinct().Count());
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(2, rows.Count(r => labels[r] == c)));
        var mine = KnnClassifier.Evaluate(Subsample.Rows(train, rows), [.. rows.Select(r => labels[r])], test, testLabels, knn with { K = 2, Classes = 3 }).Top1;
        Assert.Equal(row.KnnTop1, mine, 12);
        Assert.NotEqual(rows, LabelEfficiency.DrawRows(labels, perClass: 2, draw: 1, seed: 11)); // each draw its own samples
        Assert.Equal(rows, LabelEfficiency.DrawRows(labels, perClass: 2, draw: 0, seed: 11));
    }

    [Fact]
    public void Bad_sizes_and_draw_counts_are_named()
    {
        var (train, labels) = Synthetic.Clusters(seed: 5, perClass: 5, classes: 2, dim: 3, spread: 1f);
        Assert.Contains("labels per class", Assert.Throws<ArgumentException>(() =>
            LabelEfficiency.Evaluate(train, labels, train, labels, new KnnOptions(), s_probe, [0])).Message);
        Assert.Contains("draws", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LabelEfficiency.Evaluate(train, labels, train, labels, new KnnOptions(), s_probe, [1], draws: 0)).Message);
        Assert.Contains("got 0", Assert.Throws<ArgumentOutOfRangeException>(() => LabelEfficiency.DrawRows(labels, perClass: 0, draw: 0, seed: 1)).Message);
        Assert.Contains("labelled", Assert.Throws<ArgumentException>(() => LabelEfficiency.DrawRows([], perClass: 1, draw: 0, seed: 1)).Message);
    }

    [Fact]
    public void The_probe_standardises_with_the_rows_it_is_given_and_checks_their_dimension()
    {
        var (train, labels) = Synthetic.Clusters(seed: 6, perClass: 20, classes: 2, dim: 4, spread: 1f);
        var few = Subsample.Rows(train, [0, 1, 20, 21]);
        var fewLabels = new[] { labels[0], labels[1], labels[20], labels[21] };
        var own = LinearProbe.Fit(few, fewLabels, s_probe).Scores(train);
        var shared = LinearProbe.Fit(few, fewLabels, s_probe, standardiseWith: train).Scores(train);
        Assert.NotEqual(own, shared);
        var (wide, _) = Synthetic.Clusters(seed: 7, perClass: 2, classes: 2, dim: 5, spread: 1f);
        Assert.Contains("dimension 5", Assert.Throws<ArgumentException>(() => LinearProbe.Fit(few, fewLabels, s_probe, standardiseWith: wide)).Message);
    }
}
