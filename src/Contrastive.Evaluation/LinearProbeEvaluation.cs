using Contrastive.Evaluation.Classification;

namespace Contrastive.Evaluation;

/// <summary>Linear-probe accuracy with its settings and training curve.</summary>
/// <param name="Options">The probe settings.</param>
/// <param name="EpochLoss">Mean training cross-entropy per epoch.</param>
/// <param name="Result">Test figures.</param>
public sealed record LinearProbeEvaluation(LinearProbeOptions Options, IReadOnlyList<double> EpochLoss, ClassificationReport Result);
