namespace Contrastive.Evaluation.Health;

/// <summary>Centred scatter matrices in double precision (the input of the eigen-solver).</summary>
internal static class Covariance
{
    /// <summary>The column means of <paramref name="x"/>.</summary>
    public static double[] ColumnMeans(EmbeddingMatrix x)
    {
        var mean = new double[x.Dim];
        var data = x.Data.Span;
        for (var i = 0; i < x.Count; i++)
            for (var j = 0; j < x.Dim; j++) mean[j] += data[i * x.Dim + j];
        for (var j = 0; j < x.Dim; j++) mean[j] /= x.Count;
        return mean;
    }

    /// <summary>
    /// The smaller Gram matrix of the centred data Xc: XcᵀXc (D x D) when D &lt;= N, else XcXcᵀ (N x N).
    /// Both have the same non-zero eigenvalues (the squared singular values of Xc).
    /// </summary>
    public static (double[] Gram, int Size) CentredGram(EmbeddingMatrix x)
    {
        var (n, d) = (x.Count, x.Dim);
        var mean = ColumnMeans(x);
        var data = x.Data.Span;
        var size = Math.Min(n, d);
        var gram = new double[size * size];
        if (d <= n)
        {
            var row = new double[d];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < d; j++) row[j] = data[i * d + j] - mean[j];
                for (var a = 0; a < d; a++)
                    for (var b = a; b < d; b++) gram[a * d + b] += row[a] * row[b];
            }
        }
        else
        {
            var centred = new double[n * d];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < d; j++) centred[i * d + j] = data[i * d + j] - mean[j];
            for (var a = 0; a < n; a++)
                for (var b = a; b < n; b++)
                    for (var j = 0; j < d; j++) gram[a * n + b] += centred[a * d + j] * centred[b * d + j];
        }
        for (var a = 0; a < size; a++)
            for (var b = a + 1; b < size; b++) gram[b * size + a] = gram[a * size + b];
        return (gram, size);
    }
}
