namespace Contrastive.Data.Augmentations;

/// <summary>One step of a pipeline: a transform applied with probability <see cref="Probability"/>.</summary>
/// <param name="Augmentation">The transform.</param>
/// <param name="Probability">Chance in [0, 1] that the transform is applied (one Bernoulli draw when below 1).</param>
public readonly record struct AugmentationStep(IImageAugmentation Augmentation, double Probability = 1.0);
