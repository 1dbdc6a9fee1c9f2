using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Matmul and reductions against PyTorch (tests/reference/matmul.json) and finite differences.</summary>
public class MatMulAndReduceTests
{
    public static TheoryDataNames MatMulCases => ReferenceData.Names("matmul.json");

    [Theory]
    [MemberData(nameof(MatMulCases))]
    public void MatMul_matches_pytorch(string name)
    {
        var c = ReferenceData.Case("matmul.json", name);
        var a = c.Get("a", requiresGrad: true);
        var b = c.Get("b", requiresGrad: true);
        var y = Ops.MatMul(a, b, c.BoolParam("transA"), c.BoolParam("transB"));
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_a"), a.Grad, "grad_a");
        TensorAssert.Close(c.Get("grad_b"), b.Grad, "grad_b");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul_matches_finite_differences(bool ta, bool tb)
    {
        var a = GradCheck.RandomInput(3, -1, 1, ta ? [4, 3] : [3, 4]);
        var b = GradCheck.RandomInput(4, -1, 1, tb ? [5, 4] : [4, 5]);
        GradCheck.Check(x => Ops.MatMul(x[0], x[1], ta, tb), [a, b]);
    }

    [Fact]
    public void MatMul_inner_mismatch_names_both_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("(4, 5)", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Sum_and_mean_over_a_dim_match_finite_differences(int dim)
    {
        var x = GradCheck.RandomInput(5, -1, 1, 2, 3, 4);
        GradCheck.Check(t => Ops.Sum(t[0], dim), [x]);
        GradCheck.Check(t => Ops.Mean(t[0], dim, keepDim: true), [x]);
    }

    [Fact]
    public void Sum_over_dim_gives_expected_values()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([5f, 7f, 9f], Ops.Sum(x, 0).ToArray());
        Assert.Equal([6f, 15f], Ops.Sum(x, 1).ToArray());
        Assert.Equal([2, 1], Ops.Sum(x, 1, keepDim: true).Shape.ToArray());
    }

    [Fact]
    public void Reshape_and_transpose_route_gradients()
    {
        var x = GradCheck.RandomInput(6, -1, 1, 2, 6);
        GradCheck.Check(t => Ops.Transpose(Ops.Reshape(t[0], 3, -1)), [x]);
        Assert.Throws<ArgumentException>(() => Ops.Reshape(x, 5, 5));
    }

    [Fact]
    public void Exp_and_log_match_finite_differences()
    {
        var x = GradCheck.RandomInput(8, 0.5f, 2f, 3, 4);
        GradCheck.Check(t => Ops.Log(Ops.Exp(t[0]) + t[0]), [x]);
    }
}
