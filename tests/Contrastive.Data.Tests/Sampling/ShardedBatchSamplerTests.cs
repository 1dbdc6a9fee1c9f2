using Contrastive.Data.Sampling;

namespace Contrastive.Data.Tests.Sampling;

public class ShardedBatchSamplerTests
{
    [Fact]
    public void The_shares_of_all_processes_make_up_each_batch_in_rank_order()
    {
        var inner = new ShuffledBatchSampler(100, 12, seed: 4);
        var shares = Enumerable.Range(0, 3).Select(r => new ShardedBatchSampler(inner, r, 3)).ToArray();
        Assert.All(shares, s => Assert.Equal(inner.BatchesPerEpoch, s.BatchesPerEpoch));
        for (var b = 0; b < inner.BatchesPerEpoch; b++)
        {
            Assert.Equal(inner.Batch(1, b), shares.SelectMany(s => s.Batch(1, b)));
            Assert.All(shares, s => Assert.Equal(4, s.Batch(1, b).Length));
        }
    }

    [Fact]
    public void A_batch_that_does_not_split_evenly_or_a_bad_rank_is_refused_with_the_reason()
    {
        var inner = new ShuffledBatchSampler(100, 10, seed: 4);
        var uneven = Assert.Throws<ArgumentException>(() => new ShardedBatchSampler(inner, 0, 3));
        Assert.Contains("does not split evenly over 3 processes", uneven.Message);
        Assert.Contains("rank 2 is not one of 2 processes", Assert.Throws<ArgumentException>(() => new ShardedBatchSampler(inner, 2, 2)).Message);
    }
}
