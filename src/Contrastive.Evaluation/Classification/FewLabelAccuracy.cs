namespace Contrastive.Evaluation.Classification;

/// <summary>Test accuracy with few labelled training samples, averaged over seeded draws.</summary>
/// <param name="LabelsPerClass">Labelled training samples per class in each draw.</param>
/// <param name="Draws">Seeded draws averaged.</param>
/// <param name="KnnTop1">Mean kNN top-1 accuracy (k = min(the configured k, <paramref name="LabelsPerClass"/>)).</param>
/// <param name="LinearProbeTop1">Mean linear-probe top-1 accuracy.</param>
public sealed record FewLabelAccuracy(int LabelsPerClass, int Draws, double KnnTop1, double LinearProbeTop1);
