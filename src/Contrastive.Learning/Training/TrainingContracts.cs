using Contrastive.Methods;

namespace Contrastive.Training;

/// <summary>Supplies the batches of each epoch (views already augmented), deterministically for (seed, epoch).</summary>
public interface IBatchSource
{
    /// <summary>Optimiser steps per epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>Augmented views per batch (for the views/s figure).</summary>
    int ViewsPerBatch { get; }

    /// <summary>The batches of epoch <paramref name="epoch"/> (0-based); <paramref name="firstStep"/> is the global step of the first.</summary>
    IEnumerable<TrainingBatch> Epoch(int epoch, long firstStep, CancellationToken cancellation);

    /// <summary>Total time the consumer has waited for batches so far.</summary>
    TimeSpan WaitTime { get; }
}

/// <summary>Figures computed on the encoder after an epoch (kNN accuracy, representation health).</summary>
public sealed record EpochEvaluation
{
    /// <summary>kNN test accuracy, when labels exist.</summary>
    public double? KnnAccuracy { get; init; }

    /// <summary>Zero-shot test accuracy of CLIP towers, when labels and class names exist.</summary>
    public double? ZeroShotAccuracy { get; init; }

    /// <summary>Mean per-dimension std of normalised probe embeddings.</summary>
    public double? EmbeddingStd { get; init; }

    /// <summary>Effective rank of the probe embeddings.</summary>
    public double? EffectiveRank { get; init; }

    /// <summary>Alignment of two views of the probe batch.</summary>
    public double? Alignment { get; init; }

    /// <summary>Uniformity of the probe embeddings.</summary>
    public double? Uniformity { get; init; }

    /// <summary>ok, warning or collapsed.</summary>
    public string? Health { get; init; }

    /// <summary>The collapse monitor's explanation when not ok.</summary>
    public string? HealthMessage { get; init; }

    /// <summary>True when the monitor judged the representation collapsed.</summary>
    public bool Collapsed { get; init; }
}

/// <summary>Evaluates the method's encoder after each epoch.</summary>
public interface IEpochEvaluator
{
    /// <summary>Evaluates (in eval mode, without gradients).</summary>
    EpochEvaluation Evaluate(ContrastiveMethod method);
}

/// <summary>One optimiser step, for progress display.</summary>
public readonly record struct StepReport(int Epoch, int StepInEpoch, int StepsPerEpoch, long GlobalStep, long TotalSteps, double Loss, double Lr, double ViewsPerSecond);

/// <summary>Receives progress; the CLI renders it, tests record it.</summary>
public interface ITrainingObserver
{
    /// <summary>After each optimiser step.</summary>
    void OnStep(StepReport step);

    /// <summary>After each epoch's metrics are written.</summary>
    void OnEpoch(EpochMetrics metrics);

    /// <summary>A warning worth showing (collapse alarm).</summary>
    void OnWarning(string message);
}

/// <summary>Training stopped because the loss or a parameter became NaN or infinite; no checkpoint was written for it.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
