using Contrastive.Methods;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>A batch source that yields no batches, for tests of what wraps or drives one.</summary>
/// <param name="batchesPerEpoch">The batches per epoch it claims.</param>
internal sealed class NoBatches(int batchesPerEpoch = 1) : IBatchSource
{
    public int BatchesPerEpoch => batchesPerEpoch;

    public int ViewsPerBatch => 1;

    public TimeSpan WaitTime => TimeSpan.Zero;

    public IEnumerable<TrainingBatch> Epoch(int epoch, long firstStep, CancellationToken cancellation) => [];
}
