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
    public void Bad_sizes_and_draw_counts_are_named()
    {
        var (train, labels) = Synthetic.Clusters(seed: 5, perClass: 5, classes: 2, dim: 3, spread: 1f);
        Assert.Contains("labels per class", Assert.Throws<ArgumentException>(() =>
            LabelEfficiency.Evaluate(train, labels, train, labels, new KnnOptions(), s_probe, [0])).Message);
        Assert.Contains("draws", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LabelEfficiency.Evaluate(train, labels, train, labels, new KnnOptions(), s_probe, [1], draws: 0)).Message);
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
