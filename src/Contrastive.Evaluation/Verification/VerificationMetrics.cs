namespace Contrastive.Evaluation.Verification;

/// <summary>Threshold-free verification figures: ROC-AUC, average precision, EER, TAR at a FAR, best threshold.</summary>
public static class VerificationMetrics
{
    /// <summary>scikit-learn's <c>roc_auc_score</c> (tied scores count half, by the trapezoid rule).</summary>
    /// <exception cref="ArgumentException">Invalid input, or only one class present: AUC is undefined.</exception>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels) => RocCurve.Compute(scores, labels, dropIntermediate: false).Auc();

    /// <summary>
    /// scikit-learn's <c>average_precision_score</c>: AP = Σₙ (Rₙ - Rₙ₋₁) Pₙ over the distinct thresholds
    /// in descending order (no interpolation), R₋₁ = 0.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid input, or only one class present.</exception>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels) =>
        AveragePrecision(BinaryCurve.Compute(scores, labels).RequireBothClasses("average precision"));

    /// <summary>
    /// Equal error rate: where the false-positive rate equals the false-negative rate (1 - TPR), linearly
    /// interpolated between the two ROC points whose FNR - FPR changes sign.
    /// </summary>
    public static double EqualErrorRate(RocCurve roc)
    {
        ArgumentNullException.ThrowIfNull(roc);
        for (var i = 1; i < roc.Fpr.Length; i++)
        {
            var d = 1 - roc.Tpr[i] - roc.Fpr[i];
            if (d > 0) continue;
            var dPrev = 1 - roc.Tpr[i - 1] - roc.Fpr[i - 1];
            var t = dPrev / (dPrev - d);
            return roc.Fpr[i - 1] + t * (roc.Fpr[i] - roc.Fpr[i - 1]);
        }
        return roc.Fpr[^1];
    }

    /// <summary>True-accept rate at a false-accept rate: the highest TPR of a ROC point with FPR &lt;= <paramref name="far"/>.</summary>
    public static double TarAtFar(RocCurve roc, double far)
    {
        ArgumentNullException.ThrowIfNull(roc);
        var best = 0.0;
        for (var i = 0; i < roc.Fpr.Length && roc.Fpr[i] <= far; i++) best = Math.Max(best, roc.Tpr[i]);
        return best;
    }

    /// <summary>
    /// The threshold maximising <paramref name="criterion"/>: every distinct score is tried (and +inf,
    /// predicting nothing positive); ties go to the higher threshold.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or invalid input.</exception>
    public static ThresholdMetrics BestThreshold(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, ThresholdCriterion criterion)
    {
        var curve = BinaryCurve.Compute(scores, labels);
        var (pos, neg) = ((long)curve.Positives, (long)curve.Negatives);
        var best = ThresholdMetrics.FromCounts(double.PositiveInfinity, 0, 0, pos, neg);
        for (var i = 0; i < curve.Thresholds.Length; i++)
        {
            var m = ThresholdMetrics.FromCounts(curve.Thresholds[i], (long)curve.Tps[i], (long)curve.Fps[i], pos, neg);
            if (Value(m, criterion) > Value(best, criterion)) best = m;
        }
        return best;
    }

    internal static double AveragePrecision(BinaryCurve curve)
    {
        double ap = 0, previousRecall = 0;
        for (var i = 0; i < curve.Tps.Length; i++)
        {
            var recall = curve.Tps[i] / curve.Positives;
            ap += (recall - previousRecall) * (curve.Tps[i] / (curve.Tps[i] + curve.Fps[i]));
            previousRecall = recall;
        }
        return ap;
    }

    private static double Value(ThresholdMetrics m, ThresholdCriterion criterion) =>
        criterion == ThresholdCriterion.F1 ? m.F1 : m.Accuracy;
}
