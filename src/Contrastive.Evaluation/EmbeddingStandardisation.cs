using System.Numerics.Tensors;

namespace Contrastive.Evaluation;

/// <summary>
/// Per-feature standardisation of embeddings, x' = (x - mean) / (std + 1e-6), with torch's unbiased std, the sums taken
/// in double: what the linear probe (as the bench peer) and k-means apply before they read embeddings.
/// </summary>
/// <param name="Mean">The per-feature means.</param>
/// <param name="InvStd">The per-feature 1 / (std + 1e-6).</param>
internal sealed record EmbeddingStandardisation(float[] Mean, float[] InvStd)
{
    /// <summary>The means and stds of <paramref name="rows"/>' features.</summary>
    public static EmbeddingStandardisation Fit(EmbeddingMatrix rows)
    {
        var (n, d) = (rows.Count, rows.Dim);
        var sum = new double[d];
        var sq = new double[d];
        var data = rows.Data.Span;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) sum[j] += data[i * d + j];
        var mean = new float[d];
        for (var j = 0; j < d; j++) mean[j] = (float)(sum[j] / n);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) { var c = data[i * d + j] - (double)mean[j]; sq[j] += c * c; }
        var invStd = new float[d];
        for (var j = 0; j < d; j++) invStd[j] = (float)(1 / (Math.Sqrt(n > 1 ? sq[j] / (n - 1) : 0) + 1e-6)); // torch std (unbiased) + 1e-6
        return new EmbeddingStandardisation(mean, invStd);
    }

    /// <summary>A standardised copy of <paramref name="rows"/>, row-major.</summary>
    public float[] Apply(EmbeddingMatrix rows)
    {
        var x = rows.Data.ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = x.AsSpan(i * rows.Dim, rows.Dim);
            TensorPrimitives.Subtract(row, Mean, row);
            TensorPrimitives.Multiply(row, InvStd, row);
        }
        return x;
    }
}
