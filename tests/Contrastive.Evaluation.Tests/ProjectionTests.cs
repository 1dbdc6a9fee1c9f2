using Contrastive.Evaluation.Charts;
using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

public class ProjectionTests
{
    [Fact]
    public void Pca_finds_the_direction_of_largest_variance()
    {
        // points along (1, 1, 0) with a little noise in z
        var rng = new Rng(1);
        var data = new float[50 * 3];
        for (var i = 0; i < 50; i++)
        {
            var t = rng.NextGaussian() * 3;
            (data[i * 3], data[i * 3 + 1], data[i * 3 + 2]) = (t + 5, t - 2, 0.1f * rng.NextGaussian());
        }
        var p = Pca.Project(new Tensor(data, [50, 3]));
        for (var i = 0; i < 50; i++)
        {
            var t = data[i * 3] - data.Where((_, k) => k % 3 == 0).Average();
            Assert.True(Math.Abs(Math.Abs(t * Math.Sqrt(2)) - Math.Abs(p[i * 2])) < 0.05, $"row {i}: {p[i * 2]} vs {t * Math.Sqrt(2)}");
            Assert.True(Math.Abs(p[i * 2 + 1]) < 0.5, $"row {i}: second component {p[i * 2 + 1]}");
        }
    }

    [Fact]
    public void Pca_of_fewer_rows_than_dimensions_matches_the_wide_route()
    {
        var x = Tensor.Randn(new Rng(2), 5, 9);
        var p = Pca.Project(x); // uses the 5 x 5 Gram
        var xt = new Tensor([.. Enumerable.Range(0, 9 * 5).Select(i => x.Span[i % 45])], [5, 9]);
        Assert.Equal(10, p.Length);
        // distances between projected points cannot exceed the originals' (a projection)
        var d01 = MathF.Sqrt(MathF.Pow(p[0] - p[2], 2) + MathF.Pow(p[1] - p[3], 2));
        var o01 = MathF.Sqrt(Enumerable.Range(0, 9).Sum(j => MathF.Pow(xt.Span[j] - xt.Span[9 + j], 2)));
        Assert.True(d01 <= o01 + 1e-4f);
        Assert.Throws<ArgumentException>(() => Pca.Project(x, 6));
    }

    [Fact]
    public void Tsne_separates_clusters_and_is_seeded()
    {
        var (x, labels) = Synthetic.Clusters(seed: 3, perClass: 40, classes: 3, dim: 10, spread: 0.2f);
        var options = new TsneOptions { Iterations = 250, ExaggerationIterations = 80, Seed = 4 };
        var y = Tsne.Embed(x, options);
        Assert.Equal(y, Tsne.Embed(x, options));
        // every point's nearest 2-D neighbour belongs to its own cluster
        var n = labels.Length;
        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            var best = Enumerable.Range(0, n).Where(j => j != i).MinBy(j => Math.Pow(y[2 * i] - y[2 * j], 2) + Math.Pow(y[2 * i + 1] - y[2 * j + 1], 2));
            if (labels[best] == labels[i]) correct++;
        }
        Assert.True(correct >= n * 0.98, $"{correct} of {n}");
        Assert.All(y, v => Assert.True(float.IsFinite(v)));
        Assert.Throws<ArgumentException>(() => Tsne.Embed(Tensor.Ones(3, 2)));
    }
}
