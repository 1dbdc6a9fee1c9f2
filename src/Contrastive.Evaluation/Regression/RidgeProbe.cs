namespace Contrastive.Evaluation.Regression;

/// <summary>
/// The linear read-out protocol: for each target, the ridge penalty is chosen on the last
/// <c>validationFraction</c> of the training rows (fitting the rest) among alpha = r * s, where s is the mean non-zero
/// eigenvalue of the centred Gram matrix (trace / min(N, D)) and r runs over <see cref="RelativeAlphas"/>, so the
/// grid suits features of any scale; the model is then refitted on all training rows and scored on the test rows.
/// Rows in time order (episodes) keep the validation tail apart from the rows it is chosen on.
/// </summary>
public static class RidgeProbe
{
    /// <summary>The penalties tried, relative to the mean eigenvalue.</summary>
    public static IReadOnlyList<double> RelativeAlphas { get; } = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];

    /// <summary>R^2 of ridge maps from <paramref name="train"/> features to <paramref name="trainTargets"/>, on the test rows.</summary>
    /// <exception cref="ArgumentException">Row counts or feature dimensions differ, or the validation split leaves fewer than two rows on a side.</exception>
    public static RidgeProbeResult Evaluate(EmbeddingMatrix train, double[,] trainTargets, EmbeddingMatrix test, double[,] testTargets, double validationFraction = 0.2)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(trainTargets);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(testTargets);
        if (test.Dim != train.Dim) throw new ArgumentException($"ridge probe: test features have dimension {test.Dim}, train {train.Dim}");
        if (trainTargets.GetLength(0) != train.Count || testTargets.GetLength(0) != test.Count || testTargets.GetLength(1) != trainTargets.GetLength(1))
            throw new ArgumentException("ridge probe: every feature row needs one row of targets, with the same targets in train and test");
        var fit = (int)Math.Round(train.Count * (1 - validationFraction));
        if (fit < 2 || train.Count - fit < 2)
            throw new ArgumentException($"ridge probe: a validation fraction of {validationFraction} of {train.Count} rows leaves fewer than two rows on a side");

        var alphas = RelativeAlphas.Select(r => r * MeanEigenvalue(train)).ToArray();
        var validation = Rows(train, fit, train.Count);
        var validationTargets = Rows(trainTargets, fit, train.Count);
        var targets = trainTargets.GetLength(1);
        var (bestR2, chosen) = (Enumerable.Repeat(double.NegativeInfinity, targets).ToArray(), new double[targets]);
        foreach (var model in RidgeRegression.FitPath(Rows(train, 0, fit), Rows(trainTargets, 0, fit), alphas))
        {
            var r2 = RSquared.PerTarget(validationTargets, model.Predict(validation));
            for (var j = 0; j < targets; j++)
                if (r2[j] > bestR2[j]) (bestR2[j], chosen[j]) = (r2[j], model.Alpha);
        }

        var distinct = chosen.Distinct().ToArray();
        var models = RidgeRegression.FitPath(train, trainTargets, distinct);
        var testR2 = new double[targets];
        foreach (var model in models)
        {
            var r2 = RSquared.PerTarget(testTargets, model.Predict(test));
            for (var j = 0; j < targets; j++)
                if (chosen[j] == model.Alpha) testR2[j] = r2[j];
        }
        return new RidgeProbeResult(testR2, chosen);
    }

    /// <summary>trace(Xc^T Xc) / min(N, D): the mean of the non-zero eigenvalues of the centred Gram matrix.</summary>
    private static double MeanEigenvalue(EmbeddingMatrix x)
    {
        var (n, d) = (x.Count, x.Dim);
        var (sum, sumSquares) = (new double[d], new double[d]);
        for (var i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (var f = 0; f < d; f++) (sum[f], sumSquares[f]) = (sum[f] + row[f], sumSquares[f] + (double)row[f] * row[f]);
        }
        double trace = 0;
        for (var f = 0; f < d; f++) trace += sumSquares[f] - sum[f] * sum[f] / n;
        if (!(trace > 0)) throw new ArgumentException("ridge probe: every feature is constant over the training rows");
        return trace / Math.Min(n, d);
    }

    private static EmbeddingMatrix Rows(EmbeddingMatrix x, int from, int to) => EmbeddingMatrix.FromSpan(x.Data.Span[(from * x.Dim)..(to * x.Dim)], x.Dim);

    private static double[,] Rows(double[,] y, int from, int to)
    {
        var rows = new double[to - from, y.GetLength(1)];
        for (var i = from; i < to; i++)
            for (var j = 0; j < y.GetLength(1); j++) rows[i - from, j] = y[i, j];
        return rows;
    }
}
