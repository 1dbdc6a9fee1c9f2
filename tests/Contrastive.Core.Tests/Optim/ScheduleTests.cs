using Contrastive.Optim;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Optim;

/// <summary>Warmup + cosine schedule against tests/reference/schedule.json.</summary>
public class ScheduleTests
{
    [Fact]
    public void Every_step_matches_the_reference()
    {
        var c = ReferenceData.Case("schedule.json", "warmup10_cosine100");
        var schedule = new WarmupCosineSchedule((float)c.Param("base_lr"), (int)c.Param("warmup"), (int)c.Param("total"));
        var expected = c.Get("lr");
        var actual = Enumerable.Range(0, expected.Length).Select(s => schedule.LearningRate(s)).ToArray();
        TensorAssert.Close(expected, Tensor.FromArray(actual, actual.Length), "lr", rel: 1e-6, abs: 1e-7);
    }

    [Fact]
    public void Final_lr_is_reached_and_held()
    {
        var schedule = new WarmupCosineSchedule(0.5f, 0, 10, finalLr: 0.1f);
        Assert.Equal(0.5f, schedule.LearningRate(0));
        Assert.Equal(0.3f, schedule.LearningRate(5), 6);
        Assert.Equal(0.1f, schedule.LearningRate(10));
        Assert.Equal(0.1f, schedule.LearningRate(1000));
        Assert.True(schedule.LearningRate(9) > 0.1f);
    }

    [Fact]
    public void Apply_scales_every_group_by_its_initial_lr()
    {
        var opt = new Sgd([new ParameterGroup([Tensor.Parameter([1], 1)], 0.2f), new ParameterGroup([Tensor.Parameter([1], 1)], 0.02f)]);
        var schedule = new WarmupCosineSchedule(0.2f, 4, 20);
        schedule.Apply(opt, 1);
        Assert.Equal(0.1f, opt.Groups[0].Lr, 6);
        Assert.Equal(0.01f, opt.Groups[1].Lr, 6);
        schedule.Apply(opt, 3);
        Assert.Equal(0.2f, opt.Groups[0].Lr, 6);
        Assert.Equal(0.2f, opt.Groups[0].InitialLr);
    }

    [Fact]
    public void Apply_leaves_an_unscheduled_group_at_its_initial_lr()
    {
        var fixedGroup = new ParameterGroup([Tensor.Parameter([1], 1)], 0.2f) { Scheduled = false };
        var opt = new Sgd([new ParameterGroup([Tensor.Parameter([1], 1)], 0.2f), fixedGroup]);
        new WarmupCosineSchedule(0.2f, 4, 20).Apply(opt, 1);
        Assert.Equal(0.1f, opt.Groups[0].Lr, 6);
        Assert.Equal(0.2f, fixedGroup.Lr);
    }

    [Fact]
    public void Inconsistent_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(0f, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(1f, 11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(1f, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(1f, 0, 10, -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(1f, 0, 10).LearningRate(-1));
    }
}
