using Contrastive.Compression;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Learning.Tests.Compression;

/// <summary>Re-estimating batch-norm statistics: the averages of the batches' own statistics.</summary>
public sealed class BatchNormRecalibrationTests
{
    [Fact]
    public void Running_statistics_become_the_mean_of_the_batch_statistics()
    {
        var bn = new BatchNorm1d(3, momentum: 0.3f);
        var encoder = new Sequential(bn, new Linear(3, 2, new Rng(1)));
        bn.RunningMean.Span.Fill(50);
        bn.RunningVar.Span.Fill(50);
        Tensor[] batches = [Tensor.Uniform(new Rng(2), -1, 3, 8, 3), Tensor.Uniform(new Rng(3), 0, 10, 5, 3)];
        var linear = encoder.StateEntries().Where(e => e.Name.StartsWith("1.", StringComparison.Ordinal)).Select(e => e.Tensor.ToArray()).ToList();

        Assert.Equal(1, BatchNormRecalibration.Run(encoder, batches));

        for (var c = 0; c < 3; c++)
        {
            var (mean, variance) = (0.0, 0.0);
            foreach (var batch in batches)
            {
                var column = Enumerable.Range(0, batch.Size(0)).Select(i => (double)batch.Span[i * 3 + c]).ToArray();
                var m = column.Average();
                mean += m / batches.Length;
                variance += column.Sum(v => (v - m) * (v - m)) / (column.Length - 1) / batches.Length; // unbiased, as PyTorch keeps
            }
            Assert.Equal(mean, bn.RunningMean.Span[c], 4);
            Assert.Equal(variance, bn.RunningVar.Span[c], 4);
        }
        Assert.Equal(0.3f, bn.Momentum);
        Assert.False(encoder.Training);
        Assert.Equal(linear, encoder.StateEntries().Where(e => e.Name.StartsWith("1.", StringComparison.Ordinal)).Select(e => e.Tensor.ToArray()));
    }

    [Fact]
    public void An_encoder_without_batch_norm_is_left_alone_and_no_batches_is_an_error()
    {
        var linear = new Linear(3, 2, new Rng(1));
        Assert.Equal(0, BatchNormRecalibration.Run(linear, [Tensor.Ones(4, 3)]));
        var error = Assert.Throws<ArgumentException>(() => BatchNormRecalibration.Run(new BatchNorm1d(3), []));
        Assert.Contains("at least one batch", error.Message);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void Batch_norm_momentum_outside_zero_to_one_is_refused(float momentum) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm1d(3).Momentum = momentum);
}
