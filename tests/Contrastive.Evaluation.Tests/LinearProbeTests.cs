using Contrastive.Evaluation.Classification;
using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

public class LinearProbeTests
{
    [Fact]
    public void Linearly_separable_data_is_learned_to_full_accuracy()
    {
        var (train, trainLabels) = Synthetic.Clusters(seed: 3, perClass: 200, classes: 4, dim: 8, spread: 0.3f);
        var (test, testLabels) = Synthetic.Clusters(seed: 4, perClass: 50, classes: 4, dim: 8, spread: 0.3f);
        var probe = LinearProbe.Fit(train, trainLabels, new LinearProbeOptions { Epochs = 30, BatchSize = 64, Seed = 1 });
        var report = probe.Evaluate(test, testLabels);
        Assert.True(report.Top1 >= 0.99, $"top-1 {report.Top1}");
        Assert.True(probe.EpochLoss[^1] < probe.EpochLoss[0] / 4, $"loss {probe.EpochLoss[0]} -> {probe.EpochLoss[^1]}");
    }

    [Fact]
    public void One_adam_step_matches_the_hand_computed_update()
    {
        // One sample, one epoch: Adam's first step moves every parameter by -lr * sign(g + wd p) (|m̂| / sqrt(v̂) = 1).
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        var options = new LinearProbeOptions { Epochs = 1, BatchSize = 2, LearningRate = 0.1, WeightDecay = 0, Seed = 5 };
        var initial = LinearProbe.Fit(x, [0, 1], options with { Epochs = 0 });
        var trained = LinearProbe.Fit(x, [0, 1], options);
        var before = initial.Scores(x);
        var after = trained.Scores(x);
        // standardised inputs are (-1/√2, -1/√2) and (1/√2, 1/√2) (std unbiased = √2); class 0 logit of row 0 rises, of row 1 falls
        Assert.True(after[0] - after[1] > before[0] - before[1]);
        Assert.True(after[3] - after[2] > before[3] - before[2]);
        Assert.Equal(2, trained.Classes);
    }

    [Fact]
    public void A_probe_fitted_inside_a_no_grad_scope_still_trains()
    {
        var (x, y) = Synthetic.Clusters(seed: 6, perClass: 30, classes: 3, dim: 4, spread: 0.3f);
        var options = new LinearProbeOptions { Epochs = 5, BatchSize = 16, Seed = 2 };
        var outside = LinearProbe.Fit(x, y, options);
        LinearProbe inside;
        using (Autograd.NoGrad()) inside = LinearProbe.Fit(x, y, options);
        Assert.Equal(outside.Scores(x), inside.Scores(x));
        Assert.True(inside.EpochLoss[^1] < inside.EpochLoss[0], $"loss {inside.EpochLoss[0]} -> {inside.EpochLoss[^1]}");
    }

    [Fact]
    public void Same_seed_gives_the_same_probe_and_another_seed_a_different_one()
    {
        var (x, y) = Synthetic.Clusters(seed: 5, perClass: 30, classes: 3, dim: 4, spread: 1f);
        var options = new LinearProbeOptions { Epochs = 3, BatchSize = 16, Seed = 9 };
        Assert.Equal(LinearProbe.Fit(x, y, options).Scores(x), LinearProbe.Fit(x, y, options).Scores(x));
        Assert.NotEqual(LinearProbe.Fit(x, y, options).Scores(x), LinearProbe.Fit(x, y, options with { Seed = 10 }).Scores(x));
    }

    [Fact]
    public void Mismatched_features_are_rejected()
    {
        var (x, y) = Synthetic.Clusters(seed: 5, perClass: 5, classes: 2, dim: 4, spread: 1f);
        var probe = LinearProbe.Fit(x, y, new LinearProbeOptions { Epochs = 1 });
        Assert.Contains("dimension 3", Assert.Throws<ArgumentException>(() => probe.Scores(Tensor.Ones(2, 3))).Message);
        Assert.Contains("labels has 3", Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, [0, 1, 0])).Message);
    }
}
