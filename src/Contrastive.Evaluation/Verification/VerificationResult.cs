namespace Contrastive.Evaluation.Verification;

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
