using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Inverted dropout: identity when off, unbiased when on, gradient through the same mask, seeded.</summary>
public class DropoutTests
{
    [Fact]
    public void Is_the_identity_in_eval_mode_and_for_p_zero()
    {
        var x = Tensor.Randn(new Rng(1), 4, 5);
        Assert.Same(x, Ops.Dropout(x, 0.5f, new Rng(2), training: false));
        Assert.Same(x, Ops.Dropout(x, 0f, new Rng(2), training: true));
    }

    [Fact]
    public void Preserves_the_mean_and_scales_survivors()
    {
        const float p = 0.3f;
        var x = Tensor.Ones(100_000);
        var y = Ops.Dropout(x, p, new Rng(3), training: true).ToArray();
        Assert.All(y, v => Assert.True(v == 0f || Math.Abs(v - 1f / (1f - p)) < 1e-6f, $"unexpected value {v}"));
        var dropped = y.Count(v => v == 0f) / (double)y.Length;
        Assert.InRange(dropped, p - 0.01, p + 0.01);
        Assert.InRange(y.Average(), 0.99, 1.01);
    }

    [Fact]
    public void Gradient_uses_the_forward_mask()
    {
        var x = GradCheck.RandomInput(4, -1f, 1f, 6, 7);
        var y = Ops.Dropout(x, 0.5f, new Rng(5), training: true);
        y.Backward(Tensor.Ones(6, 7));
        for (var i = 0; i < x.Length; i++)
            Assert.Equal(y.Span[i] == 0f ? 0f : 2f, x.Grad!.Span[i]);
    }

    [Fact]
    public void Matches_finite_differences_for_a_fixed_mask()
    {
        var x = GradCheck.RandomInput(6, -1f, 1f, 5, 4);
        GradCheck.Check(t => Ops.Dropout(t[0], 0.3f, new Rng(7), training: true), [x]);
    }

    [Fact]
    public void Same_seed_gives_the_same_mask()
    {
        var x = Tensor.Ones(64);
        Assert.Equal(Ops.Dropout(x, 0.5f, new Rng(9), true).ToArray(), Ops.Dropout(x, 0.5f, new Rng(9), true).ToArray());
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(float.NaN)]
    public void Rejects_probabilities_outside_zero_to_one(float p)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Dropout(Tensor.Ones(2), p, new Rng(1), true));
        Assert.Contains("[0, 1)", ex.Message);
    }
}
