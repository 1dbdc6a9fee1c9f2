namespace Contrastive.Evaluation.Verification;

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
