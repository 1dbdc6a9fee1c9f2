namespace Contrastive.Evaluation.Classification;

/// <summary>Settings of the linear probe (defaults: the bench spec).</summary>
public readonly record struct LinearProbeOptions()
{
    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>L2 penalty added to the gradient before Adam (PyTorch <c>Adam(weight_decay=...)</c>), on weights and bias.</summary>
    public double WeightDecay { get; init; } = 1e-5;

    /// <summary>Mini-batch size; the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Seed of the initialisation and of the per-epoch shuffling.</summary>
    public ulong Seed { get; init; }

    /// <summary>Number of classes, or 0 to take one more than the largest training label.</summary>
    public int Classes { get; init; }
}
