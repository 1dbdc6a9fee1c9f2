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
