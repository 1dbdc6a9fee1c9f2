using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Pow, Sqrt, Abs, Square and the clamps: values, finite differences and PyTorch's boundary conventions.</summary>
public class MathFunctionTests
{
    [Theory]
    [InlineData(2f)]
    [InlineData(3f)]
    [InlineData(0.5f)]
    [InlineData(-1.5f)]
    public void Pow_matches_finite_differences(float exponent)
    {
        var x = GradCheck.RandomInput(21, 0.5f, 2f, 3, 4);
        GradCheck.Check(t => Ops.Pow(t[0], exponent), [x]);
    }

    [Fact]
    public void Pow_handles_negative_bases_with_integer_exponents_and_zero_exponent()
    {
        var x = Tensor.Parameter([-2f, 3f], 2);
        var y = Ops.Pow(x, 3f);
        Assert.Equal([-8f, 27f], y.ToArray());
        Ops.Sum(y).Backward();
        Assert.Equal([12f, 27f], x.Grad!.ToArray());
        var zero = Tensor.Parameter([0f], 1);
        Ops.Sum(Ops.Pow(zero, 0f)).Backward();
        Assert.Equal(0f, zero.Grad!.Item());
    }

    [Fact]
    public void Sqrt_square_and_abs_match_finite_differences()
    {
        var positive = GradCheck.RandomInput(22, 0.5f, 3f, 4, 3);
        GradCheck.Check(t => Ops.Sqrt(t[0]), [positive]);
        var x = ActivationTests.AwayFromZero(GradCheck.RandomInput(23, -2f, 2f, 4, 3));
        GradCheck.Check(t => Ops.Square(t[0]), [x]);
        GradCheck.Check(t => Ops.Abs(t[0]), [x]);
    }

    [Fact]
    public void Abs_gradient_at_zero_is_zero()
    {
        var x = Tensor.Parameter([0f, -3f, 2f], 3);
        Assert.Equal([0f, 3f, 2f], Ops.Abs(x).ToArray());
        Ops.Sum(Ops.Abs(x)).Backward();
        Assert.Equal([0f, -1f, 1f], x.Grad!.ToArray());
    }

    [Fact]
    public void Clamp_matches_finite_differences_away_from_the_bounds()
    {
        var x = GradCheck.RandomInput(24, -2f, 2f, 5, 4);
        var s = x.Span;
        for (var i = 0; i < s.Length; i++)
            if (MathF.Abs(MathF.Abs(s[i]) - 1f) < 0.05f) s[i] *= 1.2f;
        GradCheck.Check(t => Ops.Clamp(t[0], -1f, 1f), [x]);
        GradCheck.Check(t => Ops.ClampMin(t[0], -1f), [x]);
        GradCheck.Check(t => Ops.ClampMax(t[0], 1f), [x]);
    }

    [Fact]
    public void Clamp_passes_the_gradient_at_the_bounds_like_pytorch()
    {
        var x = Tensor.Parameter([-2f, -1f, 0f, 1f, 2f], 5);
        var y = Ops.Clamp(x, -1f, 1f);
        Assert.Equal([-1f, -1f, 0f, 1f, 1f], y.ToArray());
        Ops.Sum(y).Backward();
        Assert.Equal([0f, 1f, 1f, 1f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void Clamp_with_min_above_max_names_both()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Clamp(Tensor.Zeros(2), 1f, -1f));
        Assert.Contains("min 1", ex.Message);
        Assert.Contains("max -1", ex.Message);
    }
}
