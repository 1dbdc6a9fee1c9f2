using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Softmax, log-softmax, logsumexp and L2 normalisation over any dimension; stability with huge logits.</summary>
public class SoftmaxTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Softmax_family_matches_finite_differences_over_any_dim(int dim)
    {
        var x = GradCheck.RandomInput(31, -2f, 2f, 2, 3, 4);
        GradCheck.Check(t => Ops.Softmax(t[0], dim), [x]);
        GradCheck.Check(t => Ops.LogSoftmax(t[0], dim), [x]);
        GradCheck.Check(t => Ops.LogSumExp(t[0], dim), [x]);
        GradCheck.Check(t => Ops.LogSumExp(t[0], dim, keepDim: true), [x]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void L2Normalize_matches_finite_differences_over_any_dim(int dim)
    {
        var x = GradCheck.RandomInput(32, -2f, 2f, 2, 3, 4);
        GradCheck.Check(t => Ops.L2Normalize(t[0], dim), [x]);
    }

    [Fact]
    public void Softmax_over_a_middle_dim_agrees_with_the_composed_formula()
    {
        var x = GradCheck.RandomInput(33, -3f, 3f, 2, 3, 4);
        var expected = Ops.Exp(x) / Ops.Sum(Ops.Exp(x), 1, keepDim: true);
        TensorAssert.Close(expected, Ops.Softmax(x, 1), "softmax dim 1");
        TensorAssert.Close(Ops.Log(Ops.Sum(Ops.Exp(x), 1)), Ops.LogSumExp(x, 1), "logsumexp dim 1");
        Assert.Equal([2, 4], Ops.LogSumExp(x, 1).Shape.ToArray());
        Assert.Equal([2, 1, 4], Ops.LogSumExp(x, 1, keepDim: true).Shape.ToArray());
    }

    [Fact]
    public void Huge_logits_give_finite_results()
    {
        var x = Tensor.Parameter([1e4f, 1e4f - 1f, -1e4f, 3e4f, 3e4f, 0f], 2, 3);
        var softmax = Ops.Softmax(x, 1);
        var logSoftmax = Ops.LogSoftmax(x, 1);
        var lse = Ops.LogSumExp(x, 1);
        foreach (var t in new[] { softmax, logSoftmax, lse })
            Assert.All(t.ToArray(), v => Assert.True(float.IsFinite(v), $"{t} holds {v}"));
        var e = 1 / (1 + Math.Exp(-1));
        TensorAssert.Close(Tensor.FromArray([(float)e, (float)(1 - e), 0f, 0.5f, 0.5f, 0f], 2, 3), softmax, "softmax");
        TensorAssert.Close(3e4 + Math.Log(2), lse.Span[1], "logsumexp");
        Ops.Sum(Ops.Mul(logSoftmax, Tensor.Ones(2, 3))).Backward();
        Assert.All(x.Grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Logsumexp_of_infinite_rows_follows_pytorch()
    {
        var x = Tensor.FromArray([float.NegativeInfinity, float.NegativeInfinity, float.PositiveInfinity, 1f], 2, 2);
        var lse = Ops.LogSumExp(x, 1).ToArray();
        Assert.Equal(float.NegativeInfinity, lse[0]);
        Assert.Equal(float.PositiveInfinity, lse[1]);
    }

    [Fact]
    public void L2Normalize_gives_unit_rows_and_keeps_zero_rows_zero()
    {
        var x = Tensor.Parameter([3f, 4f, 0f, 0f], 2, 2);
        var y = Ops.L2Normalize(x);
        Assert.Equal([0.6f, 0.8f, 0f, 0f], y.ToArray());
        y.Backward(Tensor.FromArray([1f, 0f, 2f, 3f], 2, 2));
        // Zero row: the denominator is the constant eps, so the gradient is g / eps.
        TensorAssert.Close(Tensor.FromArray([0.8f * 0.8f / 5f, -0.6f * 0.8f / 5f, 2e12f, 3e12f], 2, 2), x.Grad, "grad");
    }

    [Fact]
    public void Empty_dimension_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Softmax(Tensor.Zeros(2, 0), 1));
        Assert.Contains("(2, 0)", ex.Message);
    }
}
