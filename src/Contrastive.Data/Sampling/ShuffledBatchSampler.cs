using Contrastive.Tensors;

namespace Contrastive.Data.Sampling;

/// <summary>
/// Every epoch a fresh permutation of all samples (<c>Rng.Derive(seed, epoch)</c>), cut into consecutive
/// batches: each sample appears exactly once per epoch. With <see cref="DropLast"/> the epoch has
/// floor(N / B) full batches (the remainder is skipped for that epoch); otherwise ceil(N / B) with a short last one.
/// </summary>
public sealed class ShuffledBatchSampler : IBatchSampler
{
    private const ulong Salt = 0x5348554646_4C4531; // "SHUFFLE1": keeps this stream apart from per-sample streams of the same seed
    private readonly EpochCache<int[]> _permutations;

    /// <summary>Creates the sampler.</summary>
    /// <exception cref="ArgumentException">The batch size is not positive, or no batch fits in an epoch.</exception>
    public ShuffledBatchSampler(int sampleCount, int batchSize, ulong seed, bool dropLast = true)
    {
        if (batchSize <= 0) throw new ArgumentException($"batch size must be positive, got {batchSize}");
        if (sampleCount < 0) throw new ArgumentException($"sample count must be non-negative, got {sampleCount}");
        (SampleCount, BatchSize, Seed, DropLast) = (sampleCount, batchSize, seed, dropLast);
        BatchesPerEpoch = dropLast ? sampleCount / batchSize : (sampleCount + batchSize - 1) / batchSize;
        if (BatchesPerEpoch == 0)
            throw new ArgumentException($"{sampleCount} samples do not make one batch of {batchSize}{(dropLast ? " (drop-last)" : "")}");
        _permutations = new EpochCache<int[]>(Permutation);
    }

    /// <inheritdoc />
    public int SampleCount { get; }

    /// <summary>Samples per batch (the last may be shorter without <see cref="DropLast"/>).</summary>
    public int BatchSize { get; }

    /// <summary>The sampler's seed.</summary>
    public ulong Seed { get; }

    /// <summary>Whether an incomplete last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <inheritdoc />
    public int BatchesPerEpoch { get; }

    /// <inheritdoc />
    public int[] Batch(int epoch, int batch)
    {
        SamplerPosition.Validate(epoch, batch, BatchesPerEpoch);
        var start = batch * BatchSize;
        return _permutations.Get(epoch).AsSpan(start, Math.Min(BatchSize, SampleCount - start)).ToArray();
    }

    private int[] Permutation(int epoch)
    {
        var order = new int[SampleCount];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Rng.Derive(Seed ^ Salt, epoch).Shuffle(order.AsSpan());
        return order;
    }
}
