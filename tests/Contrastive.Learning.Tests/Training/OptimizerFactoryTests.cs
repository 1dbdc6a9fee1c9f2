using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

public class OptimizerFactoryTests
{
    [Theory]
    [InlineData("simclr", "sgd", 256, 0.06f)]
    [InlineData("simclr", "sgd", 512, 0.12f)]
    [InlineData("barlow", "sgd", 256, 1.5f / 128)] // the Barlow loss sums D = 128 diagonal terms
    [InlineData("barlow", "lars", 256, 0.06f)]
    [InlineData("byol", "lars", 256, 4.0f)] // LARS steps are lr * eta (0.001) of the weight norm
    [InlineData("simsiam", "lars", 512, 4.0f)]
    [InlineData("byol", "sgd", 256, 0.06f)]
    [InlineData("barlow", "adamw", 256, 1e-3f)]
    [InlineData("triplet", "sgd", 256, 0.06f)]
    [InlineData("triplet", "sgd", 40, 0.0237171f)] // a mean over anchors: square-root scaling, 0.06 * sqrt(40 / 256)
    public void Default_learning_rate_follows_method_optimizer_and_batch(string method, string optimizer, int batch, float expected)
    {
        var config = new TrainConfig { Method = method, Optimizer = optimizer, Batch = batch };
        Assert.Equal(expected, config.LearningRate(), 6);
        Assert.Equal(0.3f, (config with { Lr = 0.3f }).LearningRate());
    }

    [Fact]
    public void Barlow_learning_rate_scales_with_the_configured_projection()
    {
        var config = new TrainConfig { Method = "barlow", ProjectionDim = 32 };
        Assert.Equal(1.5f / 32, config.LearningRate(), 6);
    }

    [Fact]
    public void The_learning_rate_rules_describe_every_default_in_order()
    {
        Assert.Equal(
            "4.0*batch/256 for byol with lars, 2.0*batch/256 for simsiam with lars, 1.5*batch/256/D for barlow with sgd, "
            + "0.06*sqrt(batch/256) for triplet with sgd, 2e-3 for clip with adamw, 1e-3 with adamw, 0.06*batch/256 otherwise",
            MethodSpecs.DescribeLearningRates());
        Assert.Equal("0.5 for byol", new LearningRateRule("byol", null, "0.5", (_, _) => 0.5f).Describe());
        Assert.All(MethodSpecs.Names.SelectMany(_ => OptimizerSettings.Names, (m, o) => (m, o)),
            c => Assert.Contains(MethodSpecs.LearningRateRules, r => r.Applies(c.m, c.o)));
    }

    [Fact]
    public void Groups_follow_decay_and_schedule_exemptions_and_exist_only_when_filled()
    {
        Tensor P() => Tensor.Parameter([1], 1);
        var (main, scale, predictor) = (P(), P(), P());
        var config = new TrainConfig { Method = "simsiam", Optimizer = "sgd", Lr = 0.1f, WeightDecay = 1e-4f };
        var groups = OptimizerFactory.Create(config.ToTrainerOptions().Optimizer, [main, scale, predictor], [scale], [predictor]).Groups;
        Assert.Equal(3, groups.Count);
        Assert.Equal([main], groups[0].Parameters);
        Assert.True(groups[0].Scheduled);
        Assert.Equal((0f, true), (groups[1].WeightDecay, groups[1].Scheduled));
        Assert.Equal([predictor], groups[2].Parameters);
        Assert.Equal((1e-4f, false, 0.1f), (groups[2].WeightDecay, groups[2].Scheduled, groups[2].Lr));
        Assert.Single(OptimizerFactory.Create(config.ToTrainerOptions().Optimizer, [main, predictor]).Groups);
    }
}
