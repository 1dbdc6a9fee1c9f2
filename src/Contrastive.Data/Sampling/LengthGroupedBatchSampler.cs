using Contrastive.Tensors;

namespace Contrastive.Data.Sampling;

/// <summary>
/// Batches of samples of similar length, so that a batch padded to its longest sequence wastes little: every
/// <see cref="GroupBatches"/> consecutive batches of an inner sampler are pooled, sorted by length and cut again into
/// batches of the same sizes, whose order within the group is then shuffled (<c>Rng.Derive(seed, epoch, group)</c>).
/// Each epoch holds the same samples as the inner sampler's; with one batch per group the batches are the inner ones, in
/// their order.
/// As a pure function of (epoch, batch), a resumed run sees the same batches.
/// </summary>
public sealed class LengthGroupedBatchSampler : IBatchSampler
{
    private const ulong Salt = 0x4C454E47_54485331; // "LENGTHS1": keeps the batch order apart from the inner sampler's stream
    private readonly IBatchSampler _inner;
    private readonly int[] _lengths;
    private readonly ulong _seed;
    private readonly EpochCache<int[][]> _plans;

    /// <summary>Groups the batches of <paramref name="inner"/> by the <paramref name="lengths"/> of its samples (not copied).</summary>
    /// <exception cref="ArgumentException">The lengths are not one per sample of the inner sampler, or the group is not positive.</exception>
    public LengthGroupedBatchSampler(IBatchSampler inner, int[] lengths, int groupBatches, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Length != inner.SampleCount)
            throw new ArgumentException($"{lengths.Length} lengths for {inner.SampleCount} samples: give one length per sample", nameof(lengths));
        if (groupBatches < 1) throw new ArgumentException($"batches per length group must be at least 1, got {groupBatches}", nameof(groupBatches));
        (_inner, _lengths, GroupBatches, _seed) = (inner, lengths, groupBatches, seed);
        _plans = new EpochCache<int[][]>(Plan);
    }

    /// <summary>Consecutive inner batches pooled and sorted by length.</summary>
    public int GroupBatches { get; }

    /// <inheritdoc />
    public int SampleCount => _inner.SampleCount;

    /// <inheritdoc />
    public int BatchesPerEpoch => _inner.BatchesPerEpoch;

    /// <inheritdoc />
    public int[] Batch(int epoch, int batch)
    {
        SamplerPosition.Validate(epoch, batch, BatchesPerEpoch);
        return GroupBatches == 1 ? _inner.Batch(epoch, batch) : (int[])_plans.Get(epoch)[batch].Clone();
    }

    private int[][] Plan(int epoch)
    {
        var plan = new int[BatchesPerEpoch][];
        for (var first = 0; first < BatchesPerEpoch; first += GroupBatches)
        {
            var count = Math.Min(GroupBatches, BatchesPerEpoch - first);
            var batches = Enumerable.Range(first, count).Select(b => _inner.Batch(epoch, b)).ToArray();
            // a stable sort: samples of one length keep the inner sampler's (random) order
            var sorted = batches.SelectMany(b => b).OrderBy(i => _lengths[i]).ToArray();
            var order = Enumerable.Range(0, count).ToArray();
            Rng.Derive(_seed ^ Salt, epoch, first).Shuffle(order.AsSpan());
            var start = 0;
            foreach (var b in order)
            {
                plan[first + b] = sorted[start..(start + batches[b].Length)];
                start += batches[b].Length;
            }
        }
        return plan;
    }
}
