using Contrastive.Data.Sampling;
using Contrastive.Tensors;

namespace Contrastive.Data.Tests.Sampling;

public class LengthGroupedBatchSamplerTests
{
    private static readonly int[] s_lengths = RandomLengths(203, seed: 7);

    private static int[] RandomLengths(int count, ulong seed)
    {
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, count).Select(_ => 3 + rng.NextInt(30))];
    }

    private static LengthGroupedBatchSampler Grouped(int groupBatches, bool dropLast = true, ulong seed = 4) =>
        new(new ShuffledBatchSampler(s_lengths.Length, 10, seed, dropLast), s_lengths, groupBatches, seed);

    private static int[][] Epoch(IBatchSampler sampler, int epoch) =>
        [.. Enumerable.Range(0, sampler.BatchesPerEpoch).Select(b => sampler.Batch(epoch, b))];

    [Fact]
    public void An_epoch_holds_the_inner_samplers_samples_in_batches_of_its_sizes()
    {
        var inner = new ShuffledBatchSampler(s_lengths.Length, 10, 4, dropLast: false);
        var grouped = Grouped(groupBatches: 8, dropLast: false);
        Assert.Equal(21, grouped.BatchesPerEpoch);
        var expected = Epoch(inner, 3);
        var actual = Epoch(grouped, 3);
        Assert.Equal(expected.Select(b => b.Length), actual.Select(b => b.Length));
        Assert.Equal(expected.SelectMany(b => b).Order(), actual.SelectMany(b => b).Order());
    }

    [Fact]
    public void Batches_of_a_group_cover_disjoint_length_ranges_and_pad_less()
    {
        static long Padded(int[][] batches) => batches.Sum(b => (long)b.Length * b.Max(i => s_lengths[i]));
        var grouped = Epoch(Grouped(groupBatches: 5), 0);
        var plain = Epoch(new ShuffledBatchSampler(s_lengths.Length, 10, 4), 0);
        Assert.True(Padded(grouped) < 0.8 * Padded(plain), $"padded ids: grouped {Padded(grouped)}, plain {Padded(plain)}");
        for (var group = 0; group < grouped.Length; group += 5)
        {
            var ranges = grouped.Skip(group).Take(5).Select(b => (Min: b.Min(i => s_lengths[i]), Max: b.Max(i => s_lengths[i])))
                .OrderBy(r => r.Min).ThenBy(r => r.Max).ToArray();
            for (var r = 1; r < ranges.Length; r++) Assert.True(ranges[r - 1].Max <= ranges[r].Min, $"group at {group}: {ranges[r - 1]} overlaps {ranges[r]}");
        }
    }

    [Fact]
    public void One_batch_per_group_gives_the_inner_batches()
    {
        var inner = new ShuffledBatchSampler(s_lengths.Length, 10, 4);
        Assert.Equal(Epoch(inner, 2), Epoch(Grouped(groupBatches: 1), 2));
    }

    [Fact]
    public void Batches_are_a_pure_function_of_the_position_and_the_batch_order_is_shuffled()
    {
        var late = Grouped(groupBatches: 4).Batch(2, 7); // a fresh sampler jumps straight to epoch 2
        var sampler = Grouped(groupBatches: 4);
        Assert.Equal(Epoch(sampler, 0), Epoch(Grouped(groupBatches: 4), 0));
        Assert.Equal(late, sampler.Batch(2, 7));
        Assert.NotEqual(sampler.Batch(0, 7), sampler.Batch(1, 7));
        var firstGroupMaxima = Enumerable.Range(0, 4).Select(b => sampler.Batch(0, b).Max(i => s_lengths[i])).ToArray();
        var secondGroupMaxima = Enumerable.Range(4, 4).Select(b => sampler.Batch(0, b).Max(i => s_lengths[i])).ToArray();
        Assert.False(firstGroupMaxima.SequenceEqual(firstGroupMaxima.Order()) && secondGroupMaxima.SequenceEqual(secondGroupMaxima.Order()),
            "batches left in ascending length order in both groups");
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Batch(0, sampler.BatchesPerEpoch));
    }

    [Fact]
    public void Bad_arguments_name_what_is_wrong()
    {
        var inner = new ShuffledBatchSampler(20, 5, 0);
        Assert.Contains("19 lengths for 20 samples", Assert.Throws<ArgumentException>(() => new LengthGroupedBatchSampler(inner, new int[19], 2, 0)).Message);
        Assert.Contains("at least 1, got 0", Assert.Throws<ArgumentException>(() => new LengthGroupedBatchSampler(inner, new int[20], 0, 0)).Message);
    }
}
