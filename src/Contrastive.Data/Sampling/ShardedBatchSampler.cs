namespace Contrastive.Data.Sampling;

/// <summary>
/// One process's share of another sampler's batches in a data-parallel run: batch (epoch, b) of process r of P is the
/// r-th of P equal consecutive slices of the inner batch. The processes together see exactly the batches one process
/// would, so a run's data does not depend on how many processes train it.
/// </summary>
public sealed class ShardedBatchSampler : IBatchSampler
{
    private readonly IBatchSampler _inner;

    /// <summary>Process <paramref name="rank"/> of <paramref name="processes"/>'s share of <paramref name="inner"/>.</summary>
    /// <exception cref="ArgumentException">The rank is outside the processes, or the inner batches do not split evenly.</exception>
    public ShardedBatchSampler(IBatchSampler inner, int rank, int processes)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (processes < 1 || rank < 0 || rank >= processes)
            throw new ArgumentException($"rank {rank} is not one of {processes} processes");
        for (var b = 0; b < inner.BatchesPerEpoch; b += Math.Max(1, inner.BatchesPerEpoch - 1))
        {
            var size = inner.Batch(0, b).Length;
            if (size % processes != 0)
                throw new ArgumentException($"a batch of {size} samples does not split evenly over {processes} processes: choose a batch size divisible by {processes}");
        }
        (_inner, Rank, Processes) = (inner, rank, processes);
    }

    /// <summary>This process's index.</summary>
    public int Rank { get; }

    /// <summary>The number of processes sharing the batches.</summary>
    public int Processes { get; }

    /// <inheritdoc />
    public int SampleCount => _inner.SampleCount;

    /// <inheritdoc />
    public int BatchesPerEpoch => _inner.BatchesPerEpoch;

    /// <inheritdoc />
    public int[] Batch(int epoch, int batch)
    {
        var all = _inner.Batch(epoch, batch);
        var share = all.Length / Processes;
        return all.AsSpan(Rank * share, share).ToArray();
    }
}
