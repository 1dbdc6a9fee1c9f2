using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Adaptive average pooling against PyTorch (tests/reference/adaptive_pool.json) and finite differences.</summary>
public class AdaptivePoolTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("adaptive_pool.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void AdaptiveAvgPool2d_matches_pytorch(string name)
    {
        var c = ReferenceData.Case("adaptive_pool.json", name);
        var x = c.Get("x", requiresGrad: true);
        var (size, cols) = ((int)c.Param("size"), c.Param("cols"));
        var y = double.IsNaN(cols) ? Ops.AdaptiveAvgPool2d(x, size) : Ops.AdaptiveAvgPool2d(x, size, (int)cols);
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(1)]
    public void AdaptiveAvgPool2d_matches_finite_differences(int size)
    {
        var x = GradCheck.RandomInput(6, -1, 1, 2, 2, 7, 6);
        GradCheck.Check(t => Ops.AdaptiveAvgPool2d(t[0], size), [x]);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(2, 3)]
    public void AdaptiveAvgPool2d_to_a_rectangular_grid_matches_finite_differences(int rows, int cols)
    {
        var x = GradCheck.RandomInput(8, -1, 1, 2, 2, 7, 6);
        GradCheck.Check(t => Ops.AdaptiveAvgPool2d(t[0], rows, cols), [x]);
    }

    [Fact]
    public void AdaptiveAvgPool2d_to_one_cell_is_the_global_average()
    {
        var x = GradCheck.RandomInput(7, -1, 1, 2, 3, 5, 4);
        TensorAssert.Close(Ops.GlobalAvgPool(x), Ops.Reshape(Ops.AdaptiveAvgPool2d(x, 1), 2, 3), "global");
    }

    [Fact]
    public void AdaptiveAvgPool2d_rejects_bad_input()
    {
        Assert.Contains("(2, 3)", Assert.Throws<ArgumentException>(() => Ops.AdaptiveAvgPool2d(Tensor.Zeros(2, 3), 2)).Message);
        Assert.Contains("output size 0 x 0", Assert.Throws<ArgumentException>(() => Ops.AdaptiveAvgPool2d(Tensor.Zeros(1, 1, 4, 4), 0)).Message);
        Assert.Contains("output size 2 x 0", Assert.Throws<ArgumentException>(() => Ops.AdaptiveAvgPool2d(Tensor.Zeros(1, 1, 4, 4), 2, 0)).Message);
    }
}
