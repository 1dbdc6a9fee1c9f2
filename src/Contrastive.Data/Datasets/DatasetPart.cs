namespace Contrastive.Data.Datasets;

/// <summary>Which half of a dataset distributed as a train and a test set.</summary>
public enum DatasetPart
{
    /// <summary>The training set (Fashion-MNIST: 60,000 images).</summary>
    Train,

    /// <summary>The test set (Fashion-MNIST: 10,000 images).</summary>
    Test,
}
