using Contrastive.Evaluation.Regression;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Evaluation.Tests.Regression;

/// <summary>Ridge regression and R^2 against float64 LAPACK solutions (tests/reference/ridge.json), and the probe protocol.</summary>
public class RidgeRegressionTests
{
    public static TheoryDataNames RidgeCases => ReferenceData.Names("ridge.json");

    [Theory]
    [MemberData(nameof(RidgeCases))]
    public void Ridge_and_r2_match_the_reference(string name)
    {
        var c = ReferenceData.Case("ridge.json", name);
        var model = RidgeRegression.Fit(EmbeddingMatrix.FromTensor(c.Get("x")), Matrix(c.Get("y")), c.Param("alpha"));
        Close(c.Get("coef"), Flatten(model.Coefficients), "coefficients");
        Close(c.Get("intercept"), model.Intercepts, "intercepts");
        var prediction = model.Predict(EmbeddingMatrix.FromTensor(c.Get("x_test")));
        Close(c.Get("prediction"), Flatten(prediction), "prediction");
        Close(c.Get("r2_of_prediction"), RSquared.PerTarget(Matrix(c.Get("y_test")), prediction), "R^2");
    }

    [Fact]
    public void The_probe_reads_a_linear_target_exactly_and_noise_not_at_all()
    {
        // target 0 is a linear function of the features, target 1 is independent noise
        var rng = new Rng(3);
        EmbeddingMatrix Features(int n) => EmbeddingMatrix.FromTensor(Tensor.Randn(rng, n, 8));
        double[,] Targets(EmbeddingMatrix x)
        {
            var y = new double[x.Count, 2];
            for (var i = 0; i < x.Count; i++) (y[i, 0], y[i, 1]) = (2 * x.Row(i)[0] - x.Row(i)[3] + 1, rng.NextGaussian());
            return y;
        }
        var (train, test) = (Features(200), Features(100));
        var result = RidgeProbe.Evaluate(train, Targets(train), test, Targets(test));
        Assert.True(result.R2[0] > 0.999, $"linear target R^2 {result.R2[0]}");
        Assert.InRange(result.R2[1], -0.2, 0.05);
        Assert.Equal(2, result.Alphas.Length);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var x = EmbeddingMatrix.FromTensor(Tensor.Randn(new Rng(1), 5, 3));
        Assert.Contains("4 target rows for 5", Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(x, new double[4, 1], 1)).Message);
        Assert.Contains("alpha must be positive", Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(x, new double[5, 1], 0)).Message);
        Assert.Contains("takes 3 features", Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(x, new double[5, 1], 1)
            .Predict(EmbeddingMatrix.FromTensor(Tensor.Zeros(2, 4)))).Message);
        Assert.Contains("target 0 is constant", Assert.Throws<ArgumentException>(() => RSquared.PerTarget(new double[3, 1], new double[3, 1])).Message);
        Assert.Contains("fewer than two rows", Assert.Throws<ArgumentException>(() => RidgeProbe.Evaluate(x, new double[5, 1], x, new double[5, 1])).Message);
    }

    private static double[,] Matrix(Tensor t)
    {
        var (rows, cols) = (t.Size(0), t.Rank == 2 ? t.Size(1) : 1);
        var m = new double[rows, cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) m[i, j] = t.Span[i * cols + j];
        return m;
    }

    private static double[] Flatten(double[,] m) => [.. m.Cast<double>()];

    private static void Close(Tensor expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(expected.Span[i] - actual[i]) <= 1e-4 + 1e-4 * Math.Abs(expected.Span[i]), $"{what}[{i}] is {actual[i]:G9}, expected {expected.Span[i]:G9}");
    }
}
