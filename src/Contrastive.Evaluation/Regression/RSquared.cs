namespace Contrastive.Evaluation.Regression;

/// <summary>The coefficient of determination per target, R^2 = 1 - sum (y - y_hat)^2 / sum (y - mean(y))^2 (as
/// scikit-learn's r2_score with multioutput='raw_values'): 1 for a perfect fit, 0 for predicting the mean, negative
/// for worse.</summary>
public static class RSquared
{
    /// <summary>R^2 of each column of <paramref name="prediction"/> against the same column of <paramref name="truth"/> (N x T).</summary>
    /// <exception cref="ArgumentException">The shapes differ, there are fewer than two rows, or a target is constant.</exception>
    public static double[] PerTarget(double[,] truth, double[,] prediction)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(prediction);
        var (n, t) = (truth.GetLength(0), truth.GetLength(1));
        if (prediction.GetLength(0) != n || prediction.GetLength(1) != t)
            throw new ArgumentException($"R^2: {prediction.GetLength(0)} x {prediction.GetLength(1)} predictions for {n} x {t} targets");
        if (n < 2) throw new ArgumentException($"R^2 needs at least two rows, got {n}");
        var r2 = new double[t];
        for (var j = 0; j < t; j++)
        {
            double mean = 0, residual = 0, total = 0;
            for (var i = 0; i < n; i++) mean += truth[i, j];
            mean /= n;
            for (var i = 0; i < n; i++)
            {
                residual += (truth[i, j] - prediction[i, j]) * (truth[i, j] - prediction[i, j]);
                total += (truth[i, j] - mean) * (truth[i, j] - mean);
            }
            if (total == 0) throw new ArgumentException($"R^2: target {j} is constant over the {n} rows");
            r2[j] = 1 - residual / total;
        }
        return r2;
    }
}
