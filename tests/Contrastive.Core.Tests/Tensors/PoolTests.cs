using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Max, average and global average pooling against PyTorch (tests/reference/pool.json) and finite differences.</summary>
public class PoolTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("pool.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pool_matches_pytorch(string name)
    {
        var c = ReferenceData.Case("pool.json", name);
        var x = c.Get("x", requiresGrad: true);
        var kernel = (int)c.Param("kernel", 0);
        int stride = (int)c.Param("stride", kernel), padding = (int)c.Param("padding", 0);
        var y = name.StartsWith("maxpool", StringComparison.Ordinal) ? Ops.MaxPool2d(x, kernel, stride, padding)
            : name.StartsWith("avgpool", StringComparison.Ordinal) ? Ops.AvgPool2d(x, kernel, stride, padding)
            : Ops.GlobalAvgPool(x);
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
    }

    /// <summary>Distinct values 0.1 apart in random order, so a finite-difference step of 0.01 never changes a window's maximum.</summary>
    private static Tensor TieFreeInput(ulong seed, params int[] shape)
    {
        var values = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(i => i * 0.1f - 2f).ToArray();
        new Rng(seed).Shuffle(values.AsSpan());
        return new Tensor(values, shape, requiresGrad: true);
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    [InlineData(3, 1, 1)]
    [InlineData(2, 3, 1)]
    public void MaxPool2d_matches_finite_differences(int kernel, int stride, int padding)
    {
        var x = TieFreeInput(3, 2, 2, 7, 6);
        GradCheck.Check(t => Ops.MaxPool2d(t[0], kernel, stride, padding), [x]);
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    [InlineData(3, 1, 1)]
    public void AvgPool2d_matches_finite_differences(int kernel, int stride, int padding)
    {
        var x = GradCheck.RandomInput(4, -1, 1, 2, 2, 7, 6);
        GradCheck.Check(t => Ops.AvgPool2d(t[0], kernel, stride, padding), [x]);
    }

    [Fact]
    public void AvgPool2d_counts_padding_in_the_divisor()
    {
        var y = Ops.AvgPool2d(Tensor.Ones(1, 1, 2, 2), 3, 1, 1);
        Assert.All(y.ToArray(), v => Assert.Equal(4f / 9f, v, 6));
    }

    [Fact]
    public void MaxPool2d_treats_padding_as_minus_infinity_and_defaults_stride_to_kernel()
    {
        var y = Ops.MaxPool2d(Tensor.Full(-5f, 1, 1, 4, 4), 2);
        Assert.Equal([1, 1, 2, 2], y.Shape.ToArray());
        Assert.All(y.ToArray(), v => Assert.Equal(-5f, v));
        Assert.All(Ops.MaxPool2d(Tensor.Full(-5f, 1, 1, 3, 3), 3, 2, 1).ToArray(), v => Assert.Equal(-5f, v));
    }

    [Fact]
    public void GlobalAvgPool_matches_finite_differences()
    {
        var x = GradCheck.RandomInput(5, -1, 1, 2, 3, 3, 4);
        GradCheck.Check(t => Ops.GlobalAvgPool(t[0]), [x]);
    }

    [Fact]
    public void Pooling_rejects_bad_input()
    {
        Assert.Contains("(2, 3)", Assert.Throws<ArgumentException>(() => Ops.MaxPool2d(Tensor.Zeros(2, 3), 2)).Message);
        Assert.Contains("padding", Assert.Throws<ArgumentException>(() => Ops.AvgPool2d(Tensor.Zeros(1, 1, 4, 4), 2, 2, 2)).Message);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => Ops.MaxPool2d(Tensor.Zeros(1, 1, 2, 2), 3)).Message);
        Assert.Contains("(4, 5)", Assert.Throws<ArgumentException>(() => Ops.GlobalAvgPool(Tensor.Zeros(4, 5))).Message);
    }
}
