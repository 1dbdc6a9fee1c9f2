using Contrastive.Evaluation.Classification;

namespace Contrastive.Evaluation;

/// <summary>The same classification protocols run on the raw inputs, the baseline a learned encoder must beat.</summary>
/// <param name="Name">What the inputs are ("raw pixels").</param>
/// <param name="Dim">Input dimension.</param>
/// <param name="Knn">kNN on the raw inputs, when run.</param>
/// <param name="LinearProbe">Linear probe on the raw inputs, when run.</param>
/// <param name="FewLabels">kNN and linear probe with few labels per class on the raw inputs, when run.</param>
public sealed record BaselineEvaluation(string Name, int Dim, KnnEvaluation? Knn, LinearProbeEvaluation? LinearProbe,
    IReadOnlyList<FewLabelAccuracy>? FewLabels = null);
