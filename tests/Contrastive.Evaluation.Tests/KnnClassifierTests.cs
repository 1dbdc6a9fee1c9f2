using Contrastive.Evaluation.Classification;
using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

public class KnnClassifierTests
{
    [Theory]
    [InlineData(6000, 200)] // full Fashion-MNIST: the bench protocol's k
    [InlineData(800, 32)]   // the demo split
    [InlineData(144, 6)]    // a small folder
    [InlineData(10, 5)]     // never fewer than 5 voters
    public void K_follows_the_smallest_class(int perClass, int expected)
    {
        var labels = Enumerable.Range(0, 3).SelectMany(c => Enumerable.Repeat(c, c == 1 ? perClass : perClass * 2)).ToArray();
        Assert.Equal(expected, KnnOptions.NeighboursFor(labels));
    }

    [Fact]
    public void Sizing_k_without_labels_is_an_error() =>
        Assert.Contains("labelled", Assert.Throws<ArgumentException>(() => KnnOptions.NeighboursFor([])).Message);

    [Fact]
    public void Weighted_knn_matches_the_reference_predictions_and_accuracy()
    {
        var c = EvalVectors.Shared("knn_cosine_weighted");
        var report = KnnClassifier.Evaluate(c.Get("memory"), c.Ints("memory_labels"), c.Get("queries"), c.Ints("query_labels"),
            new KnnOptions { K = (int)c.Param("k"), Temperature = c.Param("tau"), Classes = (int)c.Param("classes") });
        Assert.Equal(c.Ints("predictions"), report.Predictions);
        EvalVectors.Close(c.Scalar("accuracy"), report.Top1, "accuracy");
        Assert.Equal(1.0, report.Top5); // three classes: the label is always among the top five
    }

    [Fact]
    public void K_larger_than_the_memory_uses_every_memory_row()
    {
        var c = EvalVectors.Shared("knn_cosine_weighted");
        var expected = EvalVectors.Local("knn_k_exceeds_memory").Ints("predictions");
        var report = KnnClassifier.Evaluate(c.Get("memory"), c.Ints("memory_labels"), c.Get("queries"), c.Ints("query_labels"),
            new KnnOptions { K = 50, Temperature = 0.1, Classes = 3 });
        Assert.Equal(expected, report.Predictions);
    }

    [Fact]
    public void Well_separated_clusters_are_classified_perfectly()
    {
        var (train, trainLabels) = Synthetic.Clusters(seed: 1, perClass: 60, classes: 5, dim: 16, spread: 0.1f);
        var (test, testLabels) = Synthetic.Clusters(seed: 2, perClass: 20, classes: 5, dim: 16, spread: 0.1f);
        var report = KnnClassifier.Evaluate(train, trainLabels, test, testLabels, new KnnOptions { K = 20 });
        Assert.Equal(1.0, report.Top1);
        Assert.All(report.PerClassAccuracy, a => Assert.Equal(1.0, a));
        Assert.Equal(20, report.ConfusionMatrix[3][3]);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_clear_message()
    {
        var m = Tensor.Ones(4, 3);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => KnnClassifier.Evaluate(m, [0, 0, 1, 1], Tensor.Zeros(0, 3), [])).Message);
        Assert.Contains("dimension", Assert.Throws<ArgumentException>(() => KnnClassifier.Evaluate(m, [0, 0, 1, 1], Tensor.Ones(2, 5), [0, 1])).Message);
        Assert.Contains("memoryLabels has 3", Assert.Throws<ArgumentException>(() => KnnClassifier.Evaluate(m, [0, 0, 1], Tensor.Ones(2, 3), [0, 1])).Message);
        Assert.Contains("rank-2", Assert.Throws<ArgumentException>(() => KnnClassifier.Evaluate(Tensor.Ones(12), [0], m, [0, 0, 0, 0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => KnnClassifier.Evaluate(m, [0, 0, 1, 1], m, [0, 0, 1, 1], new KnnOptions { K = 0 }));
    }
}
