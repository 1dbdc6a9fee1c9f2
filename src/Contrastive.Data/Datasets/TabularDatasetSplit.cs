namespace Contrastive.Data.Datasets;

/// <summary>A train set and a test set of the same table columns; deconstructs as <c>var (train, test, names) = ...</c>.</summary>
/// <param name="Train">Rows to train on (and to use as the kNN memory).</param>
/// <param name="Test">Held-out rows for evaluation.</param>
/// <param name="ClassNames">The label column's value for each class index, or null when unlabeled.</param>
public sealed record TabularDatasetSplit(TabularDataset Train, TabularDataset Test, IReadOnlyList<string>? ClassNames = null);
