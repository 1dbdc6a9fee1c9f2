using Contrastive.Data.Sampling;
using Contrastive.Data.Views;

namespace Contrastive.Data.Tests.Sampling;

/// <summary>Batches of explicit triplets: anchors of a per-epoch permutation, same-class positives, other-class negatives
/// that come from the hard-negative table once one is set.</summary>
public class TripletBatchSamplerTests
{
    private static readonly int[] s_labels = [.. Enumerable.Range(0, 60).Select(i => i % 4)];

    [Fact]
    public void A_batch_is_anchors_then_positives_then_negatives_and_each_sample_anchors_once_per_epoch()
    {
        var sampler = new TripletBatchSampler(new LabelIndex(s_labels), batchSize: 32, seed: 3); // 10 anchors per batch
        Assert.Equal(6, sampler.BatchesPerEpoch);
        var anchors = new List<int>();
        for (var b = 0; b < sampler.BatchesPerEpoch; b++)
        {
            var batch = sampler.Batch(1, b);
            Assert.Equal(30, batch.Length);
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(s_labels[batch[i]], s_labels[batch[10 + i]]);
                Assert.NotEqual(batch[i], batch[10 + i]);
                Assert.NotEqual(s_labels[batch[i]], s_labels[batch[20 + i]]);
            }
            anchors.AddRange(batch[..10]);
        }
        Assert.Equal(Enumerable.Range(0, 60), anchors.Order());
        Assert.Equal(sampler.Batch(1, 2), sampler.Batch(1, 2)); // a pure function of (seed, epoch, batch)
        Assert.NotEqual(sampler.Batch(1, 2), sampler.Batch(2, 2));
    }

    [Fact]
    public void With_a_table_every_negative_is_a_listed_neighbour_of_another_class()
    {
        var labels = new LabelIndex(s_labels);
        // each sample's two "nearest" neighbours: the next sample (another class) and the one four ahead (same class)
        var table = Enumerable.Range(0, 60).SelectMany(i => new[] { (i + 1) % 60, (i + 4) % 60 }).ToArray();
        var sampler = new TripletBatchSampler(labels, batchSize: 30, seed: 5) { HardNegatives = new NeighbourNegatives(labels, table, 2) };
        for (var b = 0; b < sampler.BatchesPerEpoch; b++)
        {
            var batch = sampler.Batch(0, b);
            for (var i = 0; i < 10; i++) Assert.Equal((batch[i] + 1) % 60, batch[20 + i]);
        }
    }

    [Fact]
    public void Bad_sizes_and_hardness_are_named()
    {
        var labels = new LabelIndex(s_labels);
        Assert.Contains("at least 3", Assert.Throws<ArgumentException>(() => new TripletBatchSampler(labels, 2, 0)).Message);
        Assert.Contains("hardness", Assert.Throws<ArgumentException>(() => new TripletBatchSampler(labels, 30, 0, hardness: 1.5f)).Message);
        Assert.Contains("do not make one batch", Assert.Throws<ArgumentException>(() => new TripletBatchSampler(labels, 300, 0)).Message);
    }
}
