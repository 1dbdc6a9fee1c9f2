using Contrastive.Evaluation.Health;

namespace Contrastive.Evaluation.Charts;

/// <summary>Principal-component projection from the Jacobi eigen-decomposition of the centred Gram matrix.</summary>
public static class Pca
{
    /// <summary>
    /// The coordinates (N x <paramref name="components"/>, row-major) of the centred rows on the leading principal
    /// axes. Signs are fixed so each axis's largest-magnitude coordinate is positive (deterministic output).
    /// </summary>
    /// <exception cref="ArgumentException">More components than min(N, D).</exception>
    public static float[] Project(EmbeddingMatrix embeddings, int components = 2)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var (n, d) = (embeddings.Count, embeddings.Dim);
        if (components < 1 || components > Math.Min(n, d))
            throw new ArgumentException($"cannot take {components} components of {n} x {d} embeddings", nameof(components));
        var (gram, size) = Covariance.CentredGram(embeddings);
        var (values, vectors) = SymmetricEigen.Decompose(gram, size);
        var mean = Covariance.ColumnMeans(embeddings);
        var data = embeddings.Data.Span;
        var result = new float[n * components];
        for (var k = 0; k < components; k++)
        {
            for (var i = 0; i < n; i++)
            {
                double v;
                if (size == d)
                {
                    v = 0; // projection xcᵢ · eₖ on the D x D eigenvector
                    for (var j = 0; j < d; j++) v += (data[i * d + j] - mean[j]) * vectors[k][j];
                }
                else
                {
                    v = vectors[k][i] * Math.Sqrt(Math.Max(values[k], 0)); // N x N Gram: Xc vₖ = σₖ uₖ
                }
                result[i * components + k] = (float)v;
            }
            var largest = 0f;
            for (var i = 0; i < n; i++)
                if (Math.Abs(result[i * components + k]) > Math.Abs(largest)) largest = result[i * components + k];
            if (largest < 0)
                for (var i = 0; i < n; i++) result[i * components + k] = -result[i * components + k];
        }
        return result;
    }
}
