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

/// <summary>Evaluates the method's encoder after each epoch.</summary>
public interface IEpochEvaluator
{
    /// <summary>Evaluates (in eval mode, without gradients) after the epoch that follows <paramref name="earlier"/>, the
    /// metrics of the run's earlier epochs (those before a resume included).</summary>
    /// <returns>The evaluation figures of <see cref="EpochMetrics"/> (kNN accuracy, health...); the trainer fills in the rest.</returns>
    EpochMetrics Evaluate(ContrastiveMethod method, IReadOnlyList<EpochMetrics> earlier);
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
