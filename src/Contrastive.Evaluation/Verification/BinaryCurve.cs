namespace Contrastive.Evaluation.Verification;

/// <summary>
/// scikit-learn's <c>_binary_clf_curve</c>: scores sorted descending and, at every distinct score t,
/// the true and false positives when predicting positive where score &gt;= t.
/// </summary>
internal sealed class BinaryCurve
{
    private BinaryCurve(double[] thresholds, double[] tps, double[] fps)
    {
        (Thresholds, Tps, Fps) = (thresholds, tps, fps);
    }

    /// <summary>Distinct scores, descending.</summary>
    public double[] Thresholds { get; }

    /// <summary>True positives at each threshold (cumulative).</summary>
    public double[] Tps { get; }

    /// <summary>False positives at each threshold (cumulative).</summary>
    public double[] Fps { get; }

    /// <summary>All positives.</summary>
    public double Positives => Tps[^1];

    /// <summary>All negatives.</summary>
    public double Negatives => Fps[^1];

    /// <summary>Builds the curve; validates the input (see <see cref="PairScores.Validate()"/>).</summary>
    public static BinaryCurve Compute(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels)
    {
        PairScores.Validate(scores, labels);
        var keys = new float[scores.Length];
        var order = new int[scores.Length];
        for (var i = 0; i < keys.Length; i++) (keys[i], order[i]) = (-scores[i], i);
        Array.Sort(keys, order);
        var (thr, tps, fps) = (new List<double>(), new List<double>(), new List<double>());
        double tp = 0, fp = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (labels[order[i]] == 1) tp++; else fp++;
            if (i + 1 < keys.Length && keys[i + 1] == keys[i]) continue; // inside a run of tied scores
            thr.Add(-keys[i]);
            tps.Add(tp);
            fps.Add(fp);
        }
        return new BinaryCurve([.. thr], [.. tps], [.. fps]);
    }

    /// <summary>Throws unless both classes occur (ROC and AP are undefined otherwise, as in scikit-learn).</summary>
    public BinaryCurve RequireBothClasses(string metric)
    {
        if (Positives == 0 || Negatives == 0)
            throw new ArgumentException($"{metric} is undefined: only one class present in the pair labels ({Positives} positive, {Negatives} negative pairs)");
        return this;
    }
}
