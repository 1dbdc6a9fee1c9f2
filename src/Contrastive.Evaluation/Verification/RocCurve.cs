namespace Contrastive.Evaluation.Verification;

/// <summary>
/// A ROC curve with scikit-learn's <c>roc_curve</c> semantics: one point per distinct score (descending),
/// preceded by (0, 0) at threshold +inf; with <c>dropIntermediate</c> the collinear points are removed.
/// </summary>
/// <param name="Fpr">False-positive rates, non-decreasing from 0 to 1.</param>
/// <param name="Tpr">True-positive rates, non-decreasing from 0 to 1.</param>
/// <param name="Thresholds">Score thresholds (predicted positive where score &gt;= threshold); the first is +inf.</param>
public sealed record RocCurve(double[] Fpr, double[] Tpr, double[] Thresholds)
{
    /// <summary>Computes the curve of <paramref name="scores"/> against 0/1 <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Invalid input, or only one class present (the curve is undefined).</exception>
    public static RocCurve Compute(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, bool dropIntermediate = true) =>
        FromCurve(BinaryCurve.Compute(scores, labels), dropIntermediate);

    /// <summary>Area under the curve by the trapezoid rule (equals scikit-learn's <c>roc_auc_score</c>, ties included).</summary>
    public double Auc()
    {
        double area = 0;
        for (var i = 1; i < Fpr.Length; i++) area += (Fpr[i] - Fpr[i - 1]) * (Tpr[i] + Tpr[i - 1]) / 2;
        return area;
    }

    internal static RocCurve FromCurve(BinaryCurve curve, bool dropIntermediate)
    {
        curve.RequireBothClasses("the ROC curve");
        var (tps, fps, thr) = (curve.Tps, curve.Fps, curve.Thresholds);
        var keep = new List<int>(tps.Length);
        for (var i = 0; i < tps.Length; i++)
        {
            // sklearn keeps the ends and every point where the second difference of fps or tps is non-zero
            var interior = i > 0 && i < tps.Length - 1;
            if (dropIntermediate && tps.Length > 2 && interior
                && fps[i + 1] - 2 * fps[i] + fps[i - 1] == 0 && tps[i + 1] - 2 * tps[i] + tps[i - 1] == 0) continue;
            keep.Add(i);
        }
        var fpr = new double[keep.Count + 1];
        var tpr = new double[keep.Count + 1];
        var thresholds = new double[keep.Count + 1];
        thresholds[0] = double.PositiveInfinity;
        for (var p = 0; p < keep.Count; p++)
        {
            fpr[p + 1] = fps[keep[p]] / curve.Negatives;
            tpr[p + 1] = tps[keep[p]] / curve.Positives;
            thresholds[p + 1] = thr[keep[p]];
        }
        return new RocCurve(fpr, tpr, thresholds);
    }
}
