using Contrastive.Evaluation.Classification;

namespace Contrastive.Evaluation;

/// <summary>Weighted kNN accuracy with its settings.</summary>
/// <param name="K">Neighbours that voted (after clamping to the memory size).</param>
/// <param name="Temperature">Vote temperature.</param>
/// <param name="Result">The figures.</param>
public sealed record KnnEvaluation(int K, double Temperature, ClassificationReport Result);
