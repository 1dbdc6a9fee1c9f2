namespace Contrastive.Evaluation.Verification;

/// <summary>Which figure a threshold is chosen to maximise.</summary>
public enum ThresholdCriterion
{
    /// <summary>The F1 score.</summary>
    F1,

    /// <summary>The accuracy.</summary>
    Accuracy,
}
