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
