namespace Contrastive.Evaluation.Report;

/// <summary>Curves recorded during training, drawn by the report when present.</summary>
public sealed record TrainingCurves
{
    /// <summary>Training loss per optimiser step.</summary>
    public IReadOnlyList<double> StepLoss { get; init; } = [];

    /// <summary>Learning rate per optimiser step.</summary>
    public IReadOnlyList<double> StepLearningRate { get; init; } = [];

    /// <summary>kNN top-1 accuracy per epoch.</summary>
    public IReadOnlyList<double> EpochKnnAccuracy { get; init; } = [];

    /// <summary>Zero-shot accuracy per epoch (CLIP towers on labeled data), or empty.</summary>
    public IReadOnlyList<double> EpochZeroShotAccuracy { get; init; } = [];

    /// <summary>Collapse-monitor checks per epoch.</summary>
    public IReadOnlyList<EpochHealth> Health { get; init; } = [];
}
