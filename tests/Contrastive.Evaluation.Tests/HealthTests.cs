using Contrastive.Evaluation.Health;
using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

public class HealthTests
{
    [Fact]
    public void Alignment_uniformity_and_effective_rank_match_the_reference()
    {
        var c = EvalVectors.Shared("representation_diagnostics");
        EvalVectors.Close(c.Scalar("alignment"), RepresentationHealth.Alignment(c.Get("x"), c.Get("y")), "alignment");
        EvalVectors.Close(c.Scalar("uniformity_x"), RepresentationHealth.Uniformity(c.Get("x")), "uniformity");
        EvalVectors.Close(c.Scalar("effective_rank_x"), RepresentationHealth.EffectiveRank(c.Get("x")), "effective rank");
    }

    [Fact]
    public void Wide_matrices_std_and_label_cosines_match_numpy()
    {
        var c = EvalVectors.Local("health_wide");
        var x = c.Get("x");
        EvalVectors.Close(c.Scalar("effective_rank"), RepresentationHealth.EffectiveRank(x), "effective rank (N < D)");
        EvalVectors.Close([.. c.Floats("per_dim_std").Select(v => (double)v)], [.. RepresentationHealth.PerDimensionStd(x).Select(v => (double)v)], "per-dim std");
        var (pos, neg) = RepresentationHealth.PairCosinesFromLabels(x, c.Ints("labels"));
        EvalVectors.Close(c.Scalar("mean_positive_cosine"), pos, "positive cosine");
        EvalVectors.Close(c.Scalar("mean_negative_cosine"), neg, "negative cosine");
    }

    [Fact]
    public void View_cosines_equal_the_pairwise_definition()
    {
        var rng = new Rng(2);
        EmbeddingMatrix x = Tensor.Randn(rng, 7, 3), y = Tensor.Randn(rng, 7, 3);
        var (xn, yn) = (x.NormalizedRows(), y.NormalizedRows());
        double Cos(int i, int j) => Enumerable.Range(0, 3).Sum(k => (double)xn[i * 3 + k] * yn[j * 3 + k]);
        var (pos, neg) = RepresentationHealth.PairCosinesFromViews(x, y);
        Assert.Equal(Enumerable.Range(0, 7).Average(i => Cos(i, i)), pos, 6);
        Assert.Equal((from i in Enumerable.Range(0, 7) from j in Enumerable.Range(0, 7) where i != j select Cos(i, j)).Average(), neg, 6);
    }

    [Fact]
    public void Jacobi_recovers_eigenpairs()
    {
        var rng = new Rng(4);
        const int n = 12;
        var b = Tensor.Randn(rng, n, n).ToArray();
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) a[i * n + j] = b[i * n + j] + b[j * n + i];
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        Assert.Equal(values.OrderByDescending(v => v), values);
        for (var k = 0; k < n; k++)
            for (var i = 0; i < n; i++)
            {
                var av = Enumerable.Range(0, n).Sum(j => a[i * n + j] * vectors[k][j]);
                Assert.Equal(values[k] * vectors[k][i], av, 9);
            }
        Assert.Equal(Enumerable.Range(0, n).Sum(i => a[i * n + i]), values.Sum(), 9);
    }

    [Fact]
    public void Constant_embeddings_have_zero_spread_and_rank()
    {
        var x = Tensor.Full(0.5f, 20, 8);
        Assert.All(RepresentationHealth.PerDimensionStd(x), s => Assert.Equal(0f, s));
        Assert.Equal(0.0, RepresentationHealth.EffectiveRank(x));
        Assert.Equal(0.0, RepresentationHealth.Uniformity(x), 6); // every pair at distance 0: log mean exp(0)
    }

    [Fact]
    public void Collapse_monitor_fires_on_constant_embeddings_only()
    {
        var monitor = new CollapseMonitor();
        var random = Tensor.Randn(new Rng(6), 256, 32);
        var ok = monitor.Check(0, random);
        Assert.Equal(CollapseStatus.Ok, ok.Status);
        Assert.InRange(ok.Health.StdRatio, 0.9, 1.1);
        Assert.True(ok.Health.EffectiveRank > 20);
        var constant = new float[256 * 32];
        var rng = new Rng(7);
        for (var i = 0; i < constant.Length; i++) constant[i] = 1f + 1e-4f * rng.NextGaussian();
        var collapsed = monitor.Check(1, new Tensor(constant, [256, 32]));
        Assert.Equal(CollapseStatus.Collapsed, collapsed.Status);
        Assert.Contains("nearly constant", collapsed.Message);
        Assert.Equal(2, monitor.History.Count);
    }

    [Theory]
    [InlineData(0.15, CollapseStatus.Collapsed)] // a cone like SimSiam without stop-gradient: std ratio about 0.2
    [InlineData(0.3, CollapseStatus.Warning)]
    [InlineData(1.0, CollapseStatus.Ok)] // as spread as a healthy SimCLR projection
    public void Collapse_monitor_classifies_a_cone_by_its_width(double spread, CollapseStatus expected)
    {
        var check = new CollapseMonitor().Check(0, Cone(spread, seed: 9));
        Assert.Equal(expected, check.Status);
    }

    [Fact]
    public void A_resumed_collapse_monitor_measures_drops_against_the_runs_first_check()
    {
        var thresholds = new CollapseThresholds { WarningStdRatio = 0.1, WarningDropFraction = 0.5 };
        var cone = Cone(spread: 0.3, seed: 10);
        Assert.Equal(CollapseStatus.Ok, new CollapseMonitor(thresholds).Check(3, cone).Status);
        var resumed = new CollapseMonitor(thresholds);
        resumed.Resume(firstStdRatio: 1.0);
        var check = resumed.Check(3, cone);
        Assert.Equal(CollapseStatus.Warning, check.Status);
        Assert.Contains("fell to", check.Message);
    }

    /// <summary>Rows = a common direction + spread * isotropic noise / sqrt(D): after normalisation the std ratio is about spread.</summary>
    private static Tensor Cone(double spread, ulong seed, int rows = 512, int dim = 64)
    {
        var rng = new Rng(seed);
        var data = new float[rows * dim];
        for (var i = 0; i < data.Length; i++) data[i] = (i % dim == 0 ? 1f : 0f) + (float)(spread / Math.Sqrt(dim)) * rng.NextGaussian();
        return new Tensor(data, [rows, dim]);
    }

    [Fact]
    public void Collapse_monitor_warns_on_dimensional_collapse_and_reports_view_figures()
    {
        // rank-2 data in 64 dimensions: spread in two directions only
        var rng = new Rng(8);
        var data = new float[200 * 64];
        for (var i = 0; i < 200; i++)
        {
            var (a, b) = (rng.NextGaussian(), rng.NextGaussian());
            for (var j = 0; j < 64; j++) data[i * 64 + j] = j % 2 == 0 ? a + 3 : b - 3;
        }
        var x = new Tensor(data, [200, 64]);
        var check = new CollapseMonitor().Check(0, x, x);
        Assert.NotEqual(CollapseStatus.Ok, check.Status);
        Assert.Equal(0.0, check.Health.Alignment!.Value, 9);
        Assert.Equal(1.0, check.Health.MeanPositiveCosine!.Value, 5);
    }
}
