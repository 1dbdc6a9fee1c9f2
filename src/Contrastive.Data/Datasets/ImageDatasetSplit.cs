namespace Contrastive.Data.Datasets;

/// <summary>A train set and a test set of the same image geometry; deconstructs as <c>var (train, test) = ...</c>.</summary>
/// <param name="Train">Images to train on (and to use as the kNN memory).</param>
/// <param name="Test">Held-out images for evaluation.</param>
public sealed record ImageDatasetSplit(ImageDataset Train, ImageDataset Test);
