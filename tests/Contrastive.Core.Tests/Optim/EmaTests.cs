using Contrastive.Nn;
using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Core.Tests.Optim;

/// <summary>Exponential moving average of networks and BYOL's momentum schedule.</summary>
public class EmaTests
{
    /// <summary>A linear layer followed by a module holding a float and an integer buffer.</summary>
    private sealed class Counter : Module
    {
        public Counter()
        {
            Stats = RegisterBuffer("running", Tensor.Zeros(2));
            Count = RegisterBuffer("count", Tensor.Zeros(), isInteger: true);
        }

        public Tensor Stats { get; }

        public Tensor Count { get; }

        public override Tensor Forward(Tensor input) => input;
    }

    private static Sequential Net(ulong seed) => new(new Linear(2, 2, new Rng(seed)), new Counter());

    [Fact]
    public void Parameters_move_toward_online_and_buffers_are_copied()
    {
        Sequential target = Net(1), online = Net(2);
        var before = target.Parameters().Select(p => p.ToArray()).ToList();
        ((Counter)online.Layers[1]).Stats.CopyFrom([5, 6]);
        ((Counter)online.Layers[1]).Count.CopyFrom([3]);
        Ema.Update(target, online, 0.75f);
        var i = 0;
        foreach (var (t, o) in target.Parameters().Zip(online.Parameters()))
        {
            var expected = before[i++].Zip(o.ToArray(), (a, b) => 0.75f * a + 0.25f * b).ToArray();
            Assert.Equal(expected, t.ToArray());
        }
        Assert.Equal([5f, 6f], ((Counter)target.Layers[1]).Stats.ToArray());
        Assert.Equal(3f, ((Counter)target.Layers[1]).Count.Item());
    }

    [Fact]
    public void Momentum_one_keeps_the_target_and_zero_copies_online()
    {
        Sequential target = Net(1), online = Net(2);
        var before = target.Parameters().Select(p => p.ToArray()).ToList();
        Ema.Update(target, online, 1f);
        Assert.Equal(before, target.Parameters().Select(p => p.ToArray()).ToList());
        Ema.Update(target, online, 0f);
        Assert.Equal(online.Parameters().Select(p => p.ToArray()).ToList(), target.Parameters().Select(p => p.ToArray()).ToList());
    }

    [Fact]
    public void Different_architectures_are_rejected_naming_the_parameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ema.Update(new Linear(2, 3, new Rng(0)), new Linear(2, 2, new Rng(0)), 0.9f));
        Assert.Contains("'weight'", ex.Message);
        Assert.Contains("'bias'", Assert.Throws<ArgumentException>(() => Ema.Update(new Linear(2, 2, new Rng(0)), new Linear(2, 2, new Rng(0), bias: false), 0.9f)).Message);
    }

    [Fact]
    public void An_online_network_with_extra_parameters_updates_the_matching_ones()
    {
        // BYOL: the online network has a predictor the target lacks.
        var target = new Linear(2, 2, new Rng(1), bias: false);
        var online = new Linear(2, 2, new Rng(2));
        var expected = target.NamedParameters().Single().Tensor.ToArray()
            .Zip(online.NamedParameters().First().Tensor.ToArray(), (t, o) => 0.5f * t + 0.5f * o).ToArray();
        Ema.Update(target, online, 0.5f);
        Assert.Equal(expected, target.NamedParameters().Single().Tensor.ToArray());
    }

    [Fact]
    public void Cosine_momentum_rises_from_base_to_one()
    {
        Assert.Equal(0.996f, Ema.CosineMomentum(0.996f, 0, 100), 6);
        Assert.Equal(0.998f, Ema.CosineMomentum(0.996f, 50, 100), 6);
        Assert.Equal(1f, Ema.CosineMomentum(0.996f, 100, 100));
        Assert.Equal(1f, Ema.CosineMomentum(0.996f, 150, 100));
        var quarter = 1 - 0.004 * (Math.Cos(Math.PI / 4) + 1) / 2;
        Assert.Equal(quarter, Ema.CosineMomentum(0.996f, 25, 100), 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ema.CosineMomentum(0.9f, 0, 0));
    }
}
