namespace Contrastive.Data.Sampling;

/// <summary>
/// Decides which samples form each batch. An epoch is <see cref="BatchesPerEpoch"/> batches, and batch
/// (epoch, b) is a pure function of the sampler's seed, the epoch and b, so a run resumed at a
/// <see cref="SamplerPosition"/> sees exactly the batches it would have seen. No batch repeats an index
/// (see each sampler for its one documented exception). Thread-safe.
/// </summary>
public interface IBatchSampler
{
    /// <summary>Number of samples the indices refer to.</summary>
    int SampleCount { get; }

    /// <summary>Batches in every epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>The sample indices of batch <paramref name="batch"/> of epoch <paramref name="epoch"/> (a new array).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The epoch is negative or the batch is outside [0, BatchesPerEpoch).</exception>
    int[] Batch(int epoch, int batch);
}

/// <summary>Where a sampler stands: the next batch to produce is <see cref="Batch"/> of <see cref="Epoch"/>.</summary>
/// <param name="Epoch">Zero-based epoch.</param>
/// <param name="Batch">Zero-based batch within the epoch.</param>
public readonly record struct SamplerPosition(int Epoch, int Batch)
{
    /// <summary>The position after this one, for epochs of <paramref name="batchesPerEpoch"/> batches.</summary>
    public SamplerPosition Next(int batchesPerEpoch) => Batch + 1 < batchesPerEpoch ? new(Epoch, Batch + 1) : new(Epoch + 1, 0);

    /// <summary>Batches before this position: Epoch * batchesPerEpoch + Batch.</summary>
    public long Ordinal(int batchesPerEpoch) => (long)Epoch * batchesPerEpoch + Batch;

    /// <summary>Throws unless (<paramref name="epoch"/>, <paramref name="batch"/>) is a valid position for epochs of <paramref name="batchesPerEpoch"/> batches.</summary>
    internal static void Validate(int epoch, int batch, int batchesPerEpoch)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), $"epoch must be non-negative, got {epoch}");
        if (batch < 0 || batch >= batchesPerEpoch)
            throw new ArgumentOutOfRangeException(nameof(batch), $"batch {batch} is outside [0, {batchesPerEpoch}) of epoch {epoch}");
    }
}
