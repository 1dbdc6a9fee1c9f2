namespace Contrastive.Evaluation.Verification;

/// <summary>A true-accept rate at a false-accept rate.</summary>
/// <param name="Far">The false-accept rate bound.</param>
/// <param name="Tar">The best true-accept rate with FPR &lt;= <paramref name="Far"/>.</param>
public sealed record TarAtFar(double Far, double Tar);

/// <summary>Pair-verification figures: a threshold chosen on validation pairs, applied to test pairs.</summary>
/// <param name="Criterion">What the threshold maximises on the validation pairs.</param>
/// <param name="Validation">Validation figures at the chosen threshold.</param>
/// <param name="Test">Test figures at the chosen threshold.</param>
/// <param name="RocAuc">Test ROC-AUC.</param>
/// <param name="AveragePrecision">Test average precision.</param>
/// <param name="EqualErrorRate">Test equal error rate.</param>
/// <param name="TarAtFar">Test TAR at FAR 1e-2 and 1e-3.</param>
/// <param name="Roc">Test ROC curve (intermediate points dropped).</param>
/// <param name="PositiveCount">Positive test pairs.</param>
/// <param name="NegativeCount">Negative test pairs.</param>
public sealed record VerificationResult(ThresholdCriterion Criterion, ThresholdMetrics Validation, ThresholdMetrics Test,
    double RocAuc, double AveragePrecision, double EqualErrorRate, IReadOnlyList<TarAtFar> TarAtFar, RocCurve Roc,
    int PositiveCount, int NegativeCount);

/// <summary>Evaluates scored pairs: threshold on a validation split, decision and ranking figures on the test split.</summary>
public static class PairVerification
{
    /// <summary>The false-accept rates reported by <c>Evaluate</c>.</summary>
    public static IReadOnlyList<double> Fars { get; } = [1e-2, 1e-3];

    /// <summary>Chooses the threshold on <paramref name="validation"/> and reports every figure on <paramref name="test"/>.</summary>
    /// <exception cref="ArgumentException">Invalid pairs, or the test pairs hold only one class.</exception>
    public static VerificationResult Evaluate(PairScores validation, PairScores test, ThresholdCriterion criterion = ThresholdCriterion.F1)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        var chosen = VerificationMetrics.BestThreshold(validation.Scores, validation.Labels, criterion);
        var curve = BinaryCurve.Compute(test.Scores, test.Labels).RequireBothClasses("verification on the test pairs");
        var fullRoc = RocCurve.FromCurve(curve, dropIntermediate: false);
        return new VerificationResult(criterion, chosen,
            ThresholdMetrics.Compute(test.Scores, test.Labels, chosen.Threshold),
            fullRoc.Auc(), VerificationMetrics.AveragePrecision(curve), VerificationMetrics.EqualErrorRate(fullRoc),
            [.. Fars.Select(f => new TarAtFar(f, VerificationMetrics.TarAtFar(fullRoc, f)))],
            RocCurve.FromCurve(curve, dropIntermediate: true), (int)curve.Positives, (int)curve.Negatives);
    }

    /// <summary>Splits <paramref name="pairs"/> in half (seeded) and evaluates: threshold on one half, figures on the other.</summary>
    public static VerificationResult Evaluate(PairScores pairs, ulong seed, ThresholdCriterion criterion = ThresholdCriterion.F1)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var (validation, test) = pairs.Split(0.5, seed);
        return Evaluate(validation, test, criterion);
    }
}
