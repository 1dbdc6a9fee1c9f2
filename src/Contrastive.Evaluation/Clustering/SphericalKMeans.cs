using System.Numerics.Tensors;
using Contrastive.Gemm;
using Contrastive.Tensors;

namespace Contrastive.Evaluation.Clustering;

/// <summary>
/// Spherical k-means (Dhillon and Modha 2001) on embeddings: every feature is standardised with the rows' mean and std,
/// every row then scaled to unit length, and Lloyd's iterations assign each row to the centroid of highest cosine
/// similarity, argmax_j x·c_j, and move each centroid to the normalised mean of its rows, c_j = Σ x / ‖Σ x‖. Centroids
/// start at distinct rows drawn with the seed; a cluster left empty restarts at the row farthest from its centroid.
/// The cluster ids serve as pseudo-labels (DeepCluster, Caron et al. 2018) for a method that trains on labels.
/// </summary>
public static class SphericalKMeans
{
    /// <summary>Lloyd iterations run at most by default; they stop earlier once no row changes cluster.</summary>
    public const int DefaultIterations = 30;

    /// <summary>The cluster id in [0, <paramref name="clusters"/>) of every row of <paramref name="embeddings"/>; every
    /// cluster keeps at least one row.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two clusters, more clusters than rows, or no iterations.</exception>
    public static int[] Assign(EmbeddingMatrix embeddings, int clusters, ulong seed, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var (n, d) = (embeddings.Count, embeddings.Dim);
        if (clusters < 2 || clusters > n)
            throw new ArgumentOutOfRangeException(nameof(clusters), $"k-means needs between 2 and {n} clusters (one row each at least), got {clusters}");
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var x = UnitRows(embeddings);
        var centroids = new float[clusters * d];
        var start = Enumerable.Range(0, n).ToArray();
        new Rng(seed).Shuffle(start.AsSpan());
        for (var j = 0; j < clusters; j++) x.AsSpan(start[j] * d, d).CopyTo(centroids.AsSpan(j * d, d));

        var assignment = new int[n];
        Array.Fill(assignment, -1);
        var similarity = new float[n];
        var scores = new float[(long)n * clusters];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            // scores (n x k) = X Cᵀ: cosine similarities, the rows and centroids being unit vectors
            GemmProviders.Current.Sgemm(false, true, n, clusters, d, 1f, x, d, centroids, d, 0f, scores, clusters);
            var changed = 0;
            for (var i = 0; i < n; i++)
            {
                var row = scores.AsSpan(i * clusters, clusters);
                var best = TensorPrimitives.IndexOfMax(row);
                similarity[i] = row[best];
                if (best != assignment[i]) (assignment[i], changed) = (best, changed + 1);
            }
            var emptied = UpdateCentroids(x, d, assignment, similarity, centroids, clusters);
            if (changed == 0 && !emptied) break;
        }
        return assignment;
    }

    /// <summary>Moves every centroid to the normalised sum of its rows; an empty cluster takes the row least similar to its
    /// own centroid among rows whose cluster has others, which then leaves it. Returns whether any cluster was empty.</summary>
    private static bool UpdateCentroids(float[] x, int d, int[] assignment, float[] similarity, float[] centroids, int clusters)
    {
        Array.Clear(centroids);
        var sizes = new int[clusters];
        for (var i = 0; i < assignment.Length; i++)
        {
            sizes[assignment[i]]++;
            TensorPrimitives.Add(centroids.AsSpan(assignment[i] * d, d), x.AsSpan(i * d, d), centroids.AsSpan(assignment[i] * d, d));
        }
        var emptied = false;
        for (var j = 0; j < clusters; j++)
        {
            if (sizes[j] > 0) continue;
            emptied = true;
            var farthest = LeastSimilarMovableRow(assignment, similarity, sizes);
            var from = assignment[farthest];
            TensorPrimitives.Subtract(centroids.AsSpan(from * d, d), x.AsSpan(farthest * d, d), centroids.AsSpan(from * d, d));
            (sizes[from], sizes[j]) = (sizes[from] - 1, 1);
            x.AsSpan(farthest * d, d).CopyTo(centroids.AsSpan(j * d, d));
            (assignment[farthest], similarity[farthest]) = (j, 1f);
        }
        for (var j = 0; j < clusters; j++)
        {
            var centroid = centroids.AsSpan(j * d, d);
            var norm = TensorPrimitives.Norm(centroid);
            if (norm > 0) TensorPrimitives.Divide(centroid, norm, centroid);
        }
        return emptied;
    }

    /// <summary>The row of lowest similarity to its centroid among rows that share their cluster (one exists while a cluster
    /// is empty, as there are at least as many rows as clusters).</summary>
    private static int LeastSimilarMovableRow(int[] assignment, float[] similarity, int[] sizes)
    {
        var best = -1;
        for (var i = 0; i < assignment.Length; i++)
            if (sizes[assignment[i]] > 1 && (best < 0 || similarity[i] < similarity[best])) best = i;
        return best;
    }

    /// <summary>The rows standardised per feature (<see cref="EmbeddingStandardisation"/>), then scaled to unit length.</summary>
    private static float[] UnitRows(EmbeddingMatrix embeddings)
    {
        var x = EmbeddingStandardisation.Fit(embeddings).Apply(embeddings);
        for (var i = 0; i < embeddings.Count; i++)
        {
            var row = x.AsSpan(i * embeddings.Dim, embeddings.Dim);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        }
        return x;
    }
}
