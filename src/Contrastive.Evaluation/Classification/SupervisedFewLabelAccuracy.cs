namespace Contrastive.Evaluation.Classification;

/// <summary>Test accuracy of a network trained from scratch, with labels, on only a few labelled samples per class: the
/// supervised baseline of the label-efficiency view, averaged over the same seeded draws as <see cref="FewLabelAccuracy"/>.</summary>
/// <param name="LabelsPerClass">Labelled training samples per class in each draw.</param>
/// <param name="Draws">Seeded draws averaged.</param>
/// <param name="Steps">Optimiser steps of each training.</param>
/// <param name="Top1">Mean top-1 test accuracy.</param>
public sealed record SupervisedFewLabelAccuracy(int LabelsPerClass, int Draws, int Steps, double Top1);
