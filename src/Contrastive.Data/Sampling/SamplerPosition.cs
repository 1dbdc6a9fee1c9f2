namespace Contrastive.Data.Sampling;

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
