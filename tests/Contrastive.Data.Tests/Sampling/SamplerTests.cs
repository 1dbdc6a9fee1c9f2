using Contrastive.Data.Sampling;
using Contrastive.Data.Views;

namespace Contrastive.Data.Tests.Sampling;

public class SamplerTests
{
    [Fact]
    public void Shuffled_epoch_covers_every_sample_exactly_once_and_is_seeded()
    {
        var sampler = new ShuffledBatchSampler(103, 10, seed: 5, dropLast: false);
        Assert.Equal(11, sampler.BatchesPerEpoch);
        var epoch = Enumerable.Range(0, 11).SelectMany(b => sampler.Batch(0, b)).ToArray();
        Assert.Equal(Enumerable.Range(0, 103), epoch.Order());
        Assert.Equal(3, sampler.Batch(0, 10).Length);
        Assert.Equal(sampler.Batch(0, 4), new ShuffledBatchSampler(103, 10, 5, false).Batch(0, 4));
        Assert.NotEqual(sampler.Batch(0, 4), sampler.Batch(1, 4));
        Assert.NotEqual(sampler.Batch(0, 4), new ShuffledBatchSampler(103, 10, 6, false).Batch(0, 4));
    }

    [Fact]
    public void Drop_last_gives_full_batches_without_duplicates()
    {
        var sampler = new ShuffledBatchSampler(103, 10, seed: 1);
        Assert.Equal(10, sampler.BatchesPerEpoch);
        var all = Enumerable.Range(0, 10).SelectMany(b => sampler.Batch(2, b)).ToArray();
        Assert.Equal(100, all.Length);
        Assert.Equal(100, all.Distinct().Count());
    }

    [Fact]
    public void Batches_are_a_pure_function_of_the_position_for_resume()
    {
        var a = new ShuffledBatchSampler(64, 8, seed: 3);
        var b = new ShuffledBatchSampler(64, 8, seed: 3);
        var late = b.Batch(2, 5); // b jumps straight to epoch 2
        Assert.Equal(a.Batch(0, 0), b.Batch(0, 0));
        Assert.Equal(late, a.Batch(2, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Batch(0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Batch(-1, 0));
    }

    [Fact]
    public void M_per_class_batches_hold_p_distinct_classes_of_k_distinct_samples()
    {
        // 7 classes of 10..16 samples.
        var labels = Enumerable.Range(0, 7).SelectMany(c => Enumerable.Repeat(c, 10 + c)).ToArray();
        var sampler = new ClassBalancedBatchSampler(new LabelIndex(labels), 4, 3, seed: 2);
        Assert.Equal(labels.Length / 12, sampler.BatchesPerEpoch);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var classUse = new int[7];
            for (var b = 0; b < sampler.BatchesPerEpoch; b++)
            {
                var batch = sampler.Batch(epoch, b);
                Assert.Equal(12, batch.Length);
                Assert.Equal(12, batch.Distinct().Count());
                var groups = batch.GroupBy(i => labels[i]).ToArray();
                Assert.Equal(4, groups.Length);
                Assert.All(groups, g => Assert.Equal(3, g.Count()));
                foreach (var g in groups) classUse[g.Key]++;
            }
            // Classes are visited in successive permutations: usage differs by at most one.
            Assert.True(classUse.Max() - classUse.Min() <= 1, string.Join(",", classUse));
        }
    }

    [Fact]
    public void M_per_class_uses_all_of_a_class_before_repeating_any()
    {
        // Class 0 has 5 samples, classes 1 and 2 have 16: 37 / (2 x 2) = 9 batches, 6 visits per class, so class 0
        // is drawn 12 times and wraps around its permutation in the middle of a batch.
        var labels = new[] { 5, 16, 16 }.SelectMany((n, c) => Enumerable.Repeat(c, n)).ToArray();
        var sampler = new ClassBalancedBatchSampler(new LabelIndex(labels), 2, 2, seed: 7);
        Assert.Equal(9, sampler.BatchesPerEpoch);
        var draws = Enumerable.Range(0, 9).SelectMany(b => sampler.Batch(0, b)).Where(i => labels[i] == 0).ToArray();
        Assert.Equal(12, draws.Length);
        Assert.Equal(Enumerable.Range(0, 5), draws[..5].Order());
        Assert.Equal(Enumerable.Range(0, 5), draws[5..10].Order());
    }

    [Fact]
    public void Small_classes_are_filled_with_replacement_or_excluded()
    {
        int[] labels = [0, 0, 0, 0, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3];
        var index = new LabelIndex(labels);
        var replacement = new ClassBalancedBatchSampler(index, 2, 3, seed: 1);
        var sawSmall = false;
        for (var e = 0; e < 20; e++)
            for (var b = 0; b < replacement.BatchesPerEpoch; b++)
            {
                var batch = replacement.Batch(e, b);
                if (batch.Contains(8)) { sawSmall = true; Assert.Equal(3, batch.Count(i => i == 8)); }
                else Assert.Equal(batch.Length, batch.Distinct().Count());
            }
        Assert.True(sawSmall);
        var exclude = new ClassBalancedBatchSampler(index, 2, 3, seed: 1, SmallClassPolicy.Exclude);
        for (var e = 0; e < 20; e++)
            for (var b = 0; b < exclude.BatchesPerEpoch; b++)
            {
                var batch = exclude.Batch(e, b);
                Assert.DoesNotContain(8, batch);
                Assert.Equal(batch.Length, batch.Distinct().Count());
            }
        Assert.Contains("only 1 classes", Assert.Throws<ArgumentException>(() => new ClassBalancedBatchSampler(index, 2, 5, 1, SmallClassPolicy.Exclude)).Message);
    }

    [Fact]
    public void Sampler_position_advances_across_epochs()
    {
        Assert.Equal(new SamplerPosition(0, 1), new SamplerPosition(0, 0).Next(3));
        Assert.Equal(new SamplerPosition(1, 0), new SamplerPosition(0, 2).Next(3));
        Assert.Equal(7, new SamplerPosition(2, 1).Ordinal(3));
    }
}
