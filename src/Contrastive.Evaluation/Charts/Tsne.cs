using Contrastive.Tensors;

namespace Contrastive.Evaluation.Charts;

/// <summary>
/// Exact t-SNE (van der Maaten &amp; Hinton 2008) of L2-normalised embeddings to 2-D: Gaussian affinities p(j|i) with a
/// per-point bandwidth found by bisection to match the perplexity, symmetrised P = (P + Pᵀ) / 2N, Student-t q_ij ∝
/// (1 + ||yᵢ - yⱼ||²)⁻¹, gradient 4 Σⱼ (p_ij - q_ij)(1 + ||yᵢ - yⱼ||²)⁻¹ (yᵢ - yⱼ), momentum with adaptive gains,
/// learning rate max(N / 12, 50). Meant for subsamples of about a thousand points.
/// </summary>
public static class Tsne
{
    /// <summary>The 2-D layout (N x 2, row-major).</summary>
    /// <exception cref="ArgumentException">Fewer than 4 points, more than MaxPoints, or bad options.</exception>
    public static float[] Embed(EmbeddingMatrix embeddings, TsneOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var o = options ?? new TsneOptions();
        var n = embeddings.Count;
        if (n < 4 || n > o.MaxPoints)
            throw new ArgumentException($"t-SNE takes 4 to {o.MaxPoints} points, got {n} (subsample first)", nameof(embeddings));
        if (!(o.Perplexity > 0) || o.Iterations < 1) throw new ArgumentOutOfRangeException(nameof(options), $"invalid t-SNE options {o}");
        var p = Affinities(SquaredDistances(embeddings), n, Math.Min(o.Perplexity, (n - 1) / 3.0));
        var rng = new Rng(o.Seed);
        var y = new double[n * 2];
        for (var i = 0; i < y.Length; i++) y[i] = 1e-4 * rng.NextGaussian();
        var (update, gains, grad, rowZ) = (new double[n * 2], Enumerable.Repeat(1.0, n * 2).ToArray(), new double[n * 2], new double[n]);
        var (attraction, repulsion) = (new double[n * 2], new double[n * 2]);
        var learningRate = Math.Max(n / 12.0, 50);
        for (var it = 0; it < o.Iterations; it++)
        {
            var early = it < o.ExaggerationIterations;
            var exaggeration = early ? o.Exaggeration : 1;
            // one pass: with w_ij = 1 / (1 + ||yᵢ - yⱼ||²) and Z = Σ w, grad_i = 4 (exag Σⱼ p_ij w_ij (yᵢ - yⱼ) - Σⱼ w_ij² (yᵢ - yⱼ) / Z)
            Parallelism.ForChunks(n, 32, (lo, hi) =>
            {
                for (var i = lo; i < hi; i++)
                {
                    double ax = 0, ay = 0, rx = 0, ry = 0, z = 0;
                    var (yx, yy) = (y[2 * i], y[2 * i + 1]);
                    var pRow = p.AsSpan(i * n, n);
                    for (var j = 0; j < n; j++)
                    {
                        if (j == i) continue;
                        var (dx, dy) = (yx - y[2 * j], yy - y[2 * j + 1]);
                        var w = 1 / (1 + dx * dx + dy * dy);
                        z += w;
                        var attract = pRow[j] * w;
                        (ax, ay) = (ax + attract * dx, ay + attract * dy);
                        var repel = w * w;
                        (rx, ry) = (rx + repel * dx, ry + repel * dy);
                    }
                    (attraction[2 * i], attraction[2 * i + 1], repulsion[2 * i], repulsion[2 * i + 1], rowZ[i]) = (ax, ay, rx, ry, z);
                }
            });
            var invZ = 1 / rowZ.Sum();
            for (var k = 0; k < grad.Length; k++) grad[k] = 4 * (exaggeration * attraction[k] - repulsion[k] * invZ);
            var momentum = early ? 0.5 : 0.8;
            for (var k = 0; k < y.Length; k++)
            {
                // delta-bar-delta gains: grow where the gradient keeps pointing against the last step
                gains[k] = Math.Sign(grad[k]) != Math.Sign(update[k]) ? gains[k] + 0.2 : Math.Max(gains[k] * 0.8, 0.01);
                update[k] = momentum * update[k] - learningRate * gains[k] * grad[k];
                y[k] += update[k];
            }
            Centre(y, n);
        }
        return [.. y.Select(v => (float)v)];
    }

    private static double[] SquaredDistances(EmbeddingMatrix embeddings)
    {
        var (n, d) = (embeddings.Count, embeddings.Dim);
        var x = embeddings.NormalizedRows();
        var dist = new double[n * n];
        Parallelism.ForChunks(n, 16, (lo, hi) =>
        {
            for (var i = lo; i < hi; i++)
                for (var j = 0; j < n; j++)
                {
                    double e = System.Numerics.Tensors.TensorPrimitives.Distance(x.AsSpan(i * d, d), x.AsSpan(j * d, d));
                    dist[i * n + j] = e * e;
                }
        });
        return dist;
    }

    // Row-wise p(j|i) ∝ exp(-β_i d_ij) with β_i bisected until the entropy H = log Σ + β Σ d p / Σ equals log(perplexity),
    // then P = (P + Pᵀ) / 2N.
    private static double[] Affinities(double[] dist, int n, double perplexity)
    {
        var conditional = new double[n * n];
        var target = Math.Log(perplexity);
        Parallelism.ForChunks(n, 16, (lo, hi) =>
        {
            for (var i = lo; i < hi; i++)
            {
                var row = conditional.AsSpan(i * n, n);
                var min = double.MaxValue;
                for (var j = 0; j < n; j++) if (j != i) min = Math.Min(min, dist[i * n + j]);
                double beta = 1, betaLo = 0, betaHi = double.PositiveInfinity;
                for (var step = 0; step < 100; step++)
                {
                    double sum = 0, weighted = 0;
                    for (var j = 0; j < n; j++)
                    {
                        var shifted = dist[i * n + j] - min; // shifting all distances leaves p(j|i) unchanged
                        row[j] = j == i ? 0 : Math.Exp(-beta * shifted);
                        sum += row[j];
                        weighted += shifted * row[j];
                    }
                    var entropy = Math.Log(sum) + beta * weighted / sum;
                    for (var j = 0; j < n; j++) row[j] /= sum;
                    if (Math.Abs(entropy - target) < 1e-5) break;
                    if (entropy > target) { betaLo = beta; beta = double.IsPositiveInfinity(betaHi) ? beta * 2 : (beta + betaHi) / 2; }
                    else { betaHi = beta; beta = (beta + betaLo) / 2; }
                }
            }
        });
        var p = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) p[i * n + j] = Math.Max((conditional[i * n + j] + conditional[j * n + i]) / (2.0 * n), 1e-12);
        return p;
    }

    private static void Centre(double[] y, int n)
    {
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += y[2 * i]; my += y[2 * i + 1]; }
        (mx, my) = (mx / n, my / n);
        for (var i = 0; i < n; i++) { y[2 * i] -= mx; y[2 * i + 1] -= my; }
    }
}
