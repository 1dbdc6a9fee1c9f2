namespace Contrastive.Evaluation.Verification;

/// <summary>Decision figures when a pair is predicted positive where score &gt;= <see cref="Threshold"/>.</summary>
/// <param name="Threshold">The decision threshold.</param>
/// <param name="Accuracy">(TP + TN) / all.</param>
/// <param name="Precision">TP / (TP + FP); 0 when nothing is predicted positive (scikit-learn's zero_division=0).</param>
/// <param name="Recall">TP / (TP + FN); 0 when there are no positives.</param>
/// <param name="F1">2PR / (P + R); 0 when P + R = 0.</param>
/// <param name="TruePositives">TP.</param>
/// <param name="FalsePositives">FP.</param>
/// <param name="TrueNegatives">TN.</param>
/// <param name="FalseNegatives">FN.</param>
public sealed record ThresholdMetrics(double Threshold, double Accuracy, double Precision, double Recall, double F1,
    long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    /// <summary>The figures of <paramref name="scores"/> against 0/1 <paramref name="labels"/> at <paramref name="threshold"/>.</summary>
    /// <exception cref="ArgumentException">Empty or mismatched input, labels not 0/1, non-finite scores.</exception>
    public static ThresholdMetrics Compute(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, double threshold)
    {
        PairScores.Validate(scores, labels);
        long tp = 0, fp = 0, positives = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            positives += labels[i];
            if (scores[i] >= threshold)
            {
                if (labels[i] == 1) tp++; else fp++;
            }
        }
        return FromCounts(threshold, tp, fp, positives, scores.Length - positives);
    }

    /// <summary>The figures from counts: true and false positives among all positives and negatives.</summary>
    internal static ThresholdMetrics FromCounts(double threshold, long tp, long fp, long positives, long negatives)
    {
        var (fn, tn) = (positives - tp, negatives - fp);
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = positives == 0 ? 0 : (double)tp / positives;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ThresholdMetrics(threshold, (double)(tp + tn) / (positives + negatives), precision, recall, f1, tp, fp, tn, fn);
    }
}
