using Contrastive.Evaluation.Clustering;
using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

/// <summary>Spherical k-means: it finds separated groups, reaches a Lloyd fixed point, keeps every cluster and is
/// reproducible from its seed.</summary>
public class SphericalKMeansTests
{
    [Fact]
    public void Separated_groups_become_the_clusters()
    {
        var (embeddings, truth) = Groups(perGroup: 40, groups: 4, noise: 0.05f, seed: 1);
        var clusters = SphericalKMeans.Assign(embeddings, 4, seed: 7);
        // the same partition up to the clusters' numbering: each group lands in one cluster, each cluster holds one group
        var pairs = truth.Zip(clusters).Distinct().ToArray();
        Assert.Equal(4, pairs.Length);
        Assert.Equal(4, pairs.Select(p => p.First).Distinct().Count());
        Assert.Equal(4, pairs.Select(p => p.Second).Distinct().Count());
    }

    [Fact]
    public void The_result_is_a_Lloyd_fixed_point_and_the_seed_reproduces_it()
    {
        var (embeddings, _) = Groups(perGroup: 30, groups: 6, noise: 0.6f, seed: 2);
        var clusters = SphericalKMeans.Assign(embeddings, 5, seed: 3, iterations: 200);
        Assert.Equal(clusters, SphericalKMeans.Assign(embeddings, 5, seed: 3, iterations: 200));
        // Every row is at least as close (cosine, after the per-feature standardisation) to its own cluster's mean direction as to any other.
        var x = Standardised(embeddings);
        var d = embeddings.Dim;
        var centroids = Enumerable.Range(0, 5).Select(j => Normalised(Enumerable.Range(0, d)
            .Select(f => Enumerable.Range(0, embeddings.Count).Where(i => clusters[i] == j).Sum(i => x[i][f])).ToArray())).ToArray();
        for (var i = 0; i < embeddings.Count; i++)
        {
            var own = Dot(x[i], centroids[clusters[i]]);
            Assert.All(centroids, c => Assert.True(Dot(x[i], c) <= own + 1e-4, $"row {i} is closer to another centroid"));
        }
    }

    [Fact]
    public void Every_cluster_keeps_a_row_even_when_rows_repeat()
    {
        // four copies of one row and one other: three clusters must still each hold a row
        float[][] rows = [[1, 0], [1, 0], [1, 0], [1, 0], [0, 1]];
        var clusters = SphericalKMeans.Assign(EmbeddingMatrix.FromSpan(rows.SelectMany(r => r).ToArray(), 2), 3, seed: 4);
        Assert.Equal([0, 1, 2], clusters.Distinct().Order());
    }

    [Fact]
    public void Impossible_cluster_counts_are_refused()
    {
        var (embeddings, _) = Groups(perGroup: 2, groups: 2, noise: 0.1f, seed: 5);
        Assert.Contains("between 2 and 4 clusters", Assert.Throws<ArgumentOutOfRangeException>(() => SphericalKMeans.Assign(embeddings, 5, seed: 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SphericalKMeans.Assign(embeddings, 1, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SphericalKMeans.Assign(embeddings, 2, seed: 0, iterations: 0));
    }

    /// <summary>Rows around <paramref name="groups"/> random directions in 8 dimensions, with Gaussian noise.</summary>
    private static (EmbeddingMatrix Embeddings, int[] Truth) Groups(int perGroup, int groups, float noise, ulong seed)
    {
        var rng = new Rng(seed);
        const int dim = 8;
        var centres = Enumerable.Range(0, groups).Select(_ => Enumerable.Range(0, dim).Select(_ => rng.NextGaussian() * 3).ToArray()).ToArray();
        var data = new float[perGroup * groups * dim];
        var truth = new int[perGroup * groups];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = i % groups;
            for (var f = 0; f < dim; f++) data[i * dim + f] = centres[truth[i]][f] + rng.NextGaussian() * noise;
        }
        return (EmbeddingMatrix.FromSpan(data, dim), truth);
    }

    private static double[][] Standardised(EmbeddingMatrix e)
    {
        var rows = Enumerable.Range(0, e.Count).Select(i => e.Row(i).ToArray().Select(v => (double)v).ToArray()).ToArray();
        for (var f = 0; f < e.Dim; f++)
        {
            var mean = rows.Average(r => r[f]);
            var std = Math.Sqrt(rows.Average(r => (r[f] - mean) * (r[f] - mean)));
            foreach (var r in rows) r[f] = std > 0 ? (r[f] - mean) / std : 0;
        }
        return [.. rows.Select(Normalised)];
    }

    private static double[] Normalised(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(a => a * a));
        return [.. v.Select(a => norm > 0 ? a / norm : 0)];
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b).Sum(p => p.First * p.Second);
}
