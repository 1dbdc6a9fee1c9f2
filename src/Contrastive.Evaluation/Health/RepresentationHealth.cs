using System.Numerics.Tensors;

namespace Contrastive.Evaluation.Health;

/// <summary>
/// Label-free measures of an embedding space: per-dimension spread, alignment and uniformity
/// (Wang &amp; Isola 2020), effective rank (Roy &amp; Vetterli 2007) and mean cosine of positive vs negative pairs.
/// </summary>
public static class RepresentationHealth
{
    /// <summary>
    /// Per-dimension standard deviation (unbiased, as torch.std) of the L2-normalised rows. Healthy spaces sit
    /// near 1/sqrt(D); values falling toward 0 mean the embeddings collapse onto one direction (SimSiam, Chen &amp; He 2021).
    /// </summary>
    public static float[] PerDimensionStd(EmbeddingMatrix embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var (n, d) = (embeddings.Count, embeddings.Dim);
        var x = embeddings.NormalizedRows();
        var (sum, sq) = (new double[d], new double[d]);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) sum[j] += x[i * d + j];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) { var c = x[i * d + j] - sum[j] / n; sq[j] += c * c; }
        return [.. sq.Select(s => n > 1 ? (float)Math.Sqrt(s / (n - 1)) : 0f)];
    }

    /// <summary>Alignment: mean over rows of ||x̂ᵢ - ŷᵢ||^alpha for L2-normalised positive pairs (xᵢ, yᵢ); lower is better.</summary>
    /// <exception cref="ArgumentException">The two sets differ in shape.</exception>
    public static double Alignment(EmbeddingMatrix x, EmbeddingMatrix y, double alpha = 2)
    {
        CheckSameShape(x, y);
        var (xn, yn, d) = (x.NormalizedRows(), y.NormalizedRows(), x.Dim);
        double sum = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var dist = TensorPrimitives.Distance(xn.AsSpan(i * d, d), yn.AsSpan(i * d, d));
            sum += Math.Pow(dist, alpha);
        }
        return sum / x.Count;
    }

    /// <summary>
    /// Uniformity: log of the mean over distinct pairs i &lt; j of exp(-t ||x̂ᵢ - x̂ⱼ||²) of L2-normalised rows;
    /// lower (more negative) is more uniform. O(N²D), computed in blocks.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two rows.</exception>
    public static double Uniformity(EmbeddingMatrix x, double t = 2)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n = x.Count;
        if (n < 2) throw new ArgumentException($"uniformity needs at least two embeddings, got {n}", nameof(x));
        var xn = x.NormalizedRows();
        var norm2 = new double[n]; // 1, or 0 for an all-zero row
        for (var i = 0; i < n; i++) norm2[i] = TensorPrimitives.SumOfSquares(xn.AsSpan(i * x.Dim, x.Dim));
        var rowSums = new double[n];
        SimilarityBlocks.ForEachRow(xn, n, xn, n, x.Dim, (i, sims, _) =>
        {
            double s = 0;
            for (var j = i + 1; j < n; j++) s += Math.Exp(-t * Math.Max(0, norm2[i] + norm2[j] - 2.0 * sims[j]));
            rowSums[i] = s;
        });
        return Math.Log(rowSums.Sum() / (n * (n - 1) / 2.0));
    }

    /// <summary>
    /// Effective rank exp(-Σ pᵢ log pᵢ) with pᵢ = σᵢ / Σσ, σ the singular values of the column-centred matrix
    /// (from the eigenvalues of its Gram matrix, Jacobi). Between 1 and min(N, D); 0 when all rows are equal.
    /// </summary>
    public static double EffectiveRank(EmbeddingMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (gram, size) = Covariance.CentredGram(x);
        var (values, _) = SymmetricEigen.Decompose(gram, size);
        var floor = Math.Max(values[0], 0) * 1e-12; // eigenvalues below this are rounding noise
        var sv = values.Select(v => v > floor ? Math.Sqrt(v) : 0).ToArray();
        var total = sv.Sum();
        if (total == 0) return 0;
        var entropy = sv.Where(s => s > 0).Sum(s => -(s / total) * Math.Log(s / total));
        return Math.Exp(entropy);
    }

    /// <summary>Mean cosine of positive pairs (xᵢ, yᵢ) and of negative pairs (xᵢ, yⱼ), i ≠ j, of two views.</summary>
    /// <exception cref="ArgumentException">The views differ in shape or hold one row.</exception>
    public static (double Positive, double Negative) PairCosinesFromViews(EmbeddingMatrix x, EmbeddingMatrix y)
    {
        CheckSameShape(x, y);
        var (n, d) = (x.Count, x.Dim);
        if (n < 2) throw new ArgumentException("negative pairs need at least two rows per view", nameof(x));
        var (xn, yn) = (x.NormalizedRows(), y.NormalizedRows());
        var (sx, sy) = (new double[d], new double[d]);
        double positive = 0;
        for (var i = 0; i < n; i++)
        {
            positive += TensorPrimitives.Dot(xn.AsSpan(i * d, d), yn.AsSpan(i * d, d));
            for (var j = 0; j < d; j++) { sx[j] += xn[i * d + j]; sy[j] += yn[i * d + j]; }
        }
        var all = 0.0; // Σᵢ Σⱼ x̂ᵢ·ŷⱼ = (Σ x̂)·(Σ ŷ)
        for (var j = 0; j < d; j++) all += sx[j] * sy[j];
        return (positive / n, (all - positive) / ((double)n * (n - 1)));
    }

    /// <summary>Mean cosine of same-label pairs and of different-label pairs (i ≠ j), from class sums in O(ND).</summary>
    /// <exception cref="ArgumentException">Labels of the wrong length; NaN is returned for a kind of pair that does not occur.</exception>
    public static (double Positive, double Negative) PairCosinesFromLabels(EmbeddingMatrix x, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.CheckLabels(labels, nameof(labels));
        var (n, d) = (x.Count, x.Dim);
        var xn = x.NormalizedRows();
        var classes = labels.Max() + 1;
        var classSum = new double[classes * d];
        var classCount = new long[classes];
        var total = new double[d];
        double selfDots = 0;
        for (var i = 0; i < n; i++)
        {
            classCount[labels[i]]++;
            selfDots += TensorPrimitives.SumOfSquares(xn.AsSpan(i * d, d));
            for (var j = 0; j < d; j++) { classSum[labels[i] * d + j] += xn[i * d + j]; total[j] += xn[i * d + j]; }
        }
        // Σ over ordered pairs i ≠ j: same class = Σ_c ||S_c||² - Σ||x̂ᵢ||²; all = ||S||² - Σ||x̂ᵢ||²
        double same = -selfDots, all = -selfDots;
        long samePairs = 0;
        for (var c = 0; c < classes; c++)
        {
            for (var j = 0; j < d; j++) same += classSum[c * d + j] * classSum[c * d + j];
            samePairs += classCount[c] * (classCount[c] - 1);
        }
        for (var j = 0; j < d; j++) all += total[j] * total[j];
        var otherPairs = (long)n * (n - 1) - samePairs;
        return (samePairs == 0 ? double.NaN : same / samePairs, otherPairs == 0 ? double.NaN : (all - same) / otherPairs);
    }

    private static void CheckSameShape(EmbeddingMatrix x, EmbeddingMatrix y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Dim != y.Dim)
            throw new ArgumentException($"the two views must have the same shape, got {x.Count} x {x.Dim} and {y.Count} x {y.Dim}", nameof(y));
    }
}
