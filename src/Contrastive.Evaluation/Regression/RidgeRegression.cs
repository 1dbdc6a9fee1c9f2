using System.Numerics.Tensors;

namespace Contrastive.Evaluation.Regression;

/// <summary>
/// Ridge regression with an intercept, the objective of scikit-learn's Ridge: min ||Y - X W - b||^2 + alpha ||W||^2,
/// solved in double precision on the centred data, W = (Xc^T Xc + alpha I)^-1 Xc^T Yc when there are no more features
/// than rows, else the equal dual form W = Xc^T (Xc Xc^T + alpha I)^-1 Yc; b = mean(Y) - mean(X) W.
/// </summary>
public sealed class RidgeRegression
{
    private RidgeRegression(double[,] coefficients, double[] intercepts, double alpha)
    {
        Coefficients = coefficients;
        Intercepts = intercepts;
        Alpha = alpha;
    }

    /// <summary>The weights, one row per target (T x D, scikit-learn's <c>coef_</c> layout).</summary>
    public double[,] Coefficients { get; }

    /// <summary>The intercept of each target.</summary>
    public double[] Intercepts { get; }

    /// <summary>The L2 penalty the model was fitted with.</summary>
    public double Alpha { get; }

    /// <summary>Fits features <paramref name="x"/> (N x D) to targets <paramref name="y"/> (N x T) with penalty <paramref name="alpha"/>.</summary>
    /// <exception cref="ArgumentException">The row counts differ, there are fewer than two rows, or alpha is not positive.</exception>
    public static RidgeRegression Fit(EmbeddingMatrix x, double[,] y, double alpha) => FitPath(x, y, [alpha])[0];

    /// <summary>One model per penalty in <paramref name="alphas"/>, sharing the Gram matrix (computed once).</summary>
    /// <exception cref="ArgumentException">The row counts differ, there are fewer than two rows, or a penalty is not positive.</exception>
    public static IReadOnlyList<RidgeRegression> FitPath(EmbeddingMatrix x, double[,] y, IReadOnlyList<double> alphas)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(alphas);
        var (n, d, t) = (x.Count, x.Dim, y.GetLength(1));
        if (y.GetLength(0) != n) throw new ArgumentException($"ridge: {y.GetLength(0)} target rows for {n} feature rows");
        if (n < 2) throw new ArgumentException($"ridge needs at least two rows, got {n}");
        foreach (var alpha in alphas)
            if (!(alpha > 0) || !double.IsFinite(alpha)) throw new ArgumentException($"ridge: alpha must be positive and finite, got {alpha}");

        var (xc, xMean) = Centre(x);
        var yc = new double[n * t];
        var yMean = new double[t];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < t; j++) yMean[j] += y[i, j] / n;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < t; j++) yc[i * t + j] = y[i, j] - yMean[j];

        var primal = d <= n;
        var columns = primal ? Transpose(xc, n, d) : xc;      // the vectors whose inner products form the Gram matrix
        var size = primal ? d : n;
        var gram = Gram(columns, size, primal ? n : d);
        var rhs = primal ? MultiplyTransposed(xc, n, d, yc, t) : yc; // Xc^T Yc (d x t), or Yc (n x t)
        var models = new List<RidgeRegression>(alphas.Count);
        foreach (var alpha in alphas)
        {
            var a = (double[])gram.Clone();
            for (var i = 0; i < size; i++) a[i * size + i] += alpha;
            Cholesky.Factor(a, size);
            var solution = (double[])rhs.Clone();
            Cholesky.Solve(a, size, solution, t);
            var w = primal ? solution : MultiplyTransposed(xc, n, d, solution, t); // d x t
            var coefficients = new double[t, d];
            var intercepts = (double[])yMean.Clone();
            for (var f = 0; f < d; f++)
                for (var j = 0; j < t; j++)
                {
                    coefficients[j, f] = w[f * t + j];
                    intercepts[j] -= xMean[f] * w[f * t + j];
                }
            models.Add(new RidgeRegression(coefficients, intercepts, alpha));
        }
        return models;
    }

    /// <summary>The predictions X W + b (N x T).</summary>
    /// <exception cref="ArgumentException">The features have another dimension than the model.</exception>
    public double[,] Predict(EmbeddingMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (t, d) = (Coefficients.GetLength(0), Coefficients.GetLength(1));
        if (x.Dim != d) throw new ArgumentException($"ridge: the model takes {d} features, got {x.Dim}");
        var prediction = new double[x.Count, t];
        for (var i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            for (var j = 0; j < t; j++)
            {
                var s = Intercepts[j];
                for (var f = 0; f < d; f++) s += Coefficients[j, f] * row[f];
                prediction[i, j] = s;
            }
        }
        return prediction;
    }

    /// <summary>The data minus its column means (N x D, double), and the means.</summary>
    private static (double[] Centred, double[] Mean) Centre(EmbeddingMatrix x)
    {
        var (n, d) = (x.Count, x.Dim);
        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (var f = 0; f < d; f++) mean[f] += row[f];
        }
        for (var f = 0; f < d; f++) mean[f] /= n;
        var centred = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (var f = 0; f < d; f++) centred[i * d + f] = row[f] - mean[f];
        }
        return (centred, mean);
    }

    /// <summary>G_ab = v_a . v_b for <paramref name="count"/> vectors of length <paramref name="length"/>, row-major.</summary>
    private static double[] Gram(double[] vectors, int count, int length)
    {
        var gram = new double[count * count];
        for (var a = 0; a < count; a++)
            for (var b = a; b < count; b++)
                gram[a * count + b] = gram[b * count + a] = TensorPrimitives.Dot<double>(vectors.AsSpan(a * length, length), vectors.AsSpan(b * length, length));
        return gram;
    }

    private static double[] Transpose(double[] m, int rows, int cols)
    {
        var t = new double[rows * cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) t[j * rows + i] = m[i * cols + j];
        return t;
    }

    /// <summary>A^T B for A (n x d) and B (n x t), giving d x t.</summary>
    private static double[] MultiplyTransposed(double[] a, int n, int d, double[] b, int t)
    {
        var result = new double[d * t];
        for (var i = 0; i < n; i++)
            for (var f = 0; f < d; f++)
            {
                var v = a[i * d + f];
                for (var j = 0; j < t; j++) result[f * t + j] += v * b[i * t + j];
            }
        return result;
    }
}
