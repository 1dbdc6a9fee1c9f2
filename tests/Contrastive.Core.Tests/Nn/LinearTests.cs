using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Nn;

/// <summary>Linear against PyTorch (tests/reference/linear.json), finite differences and PyTorch's init.</summary>
public class LinearTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("linear.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Linear_matches_pytorch(string name)
    {
        var c = ReferenceData.Case("linear.json", name);
        var x = c.Get("x", requiresGrad: true);
        var w = c.Get("w", requiresGrad: true);
        var b = c.Get("b", requiresGrad: true);
        var y = Ops.Linear(x, w, b);
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
        TensorAssert.Close(c.Get("grad_w"), w.Grad, "grad_w");
        TensorAssert.Close(c.Get("grad_b"), b.Grad, "grad_b");
    }

    [Fact]
    public void Linear_matches_finite_differences_with_and_without_bias()
    {
        var x = GradCheck.RandomInput(1, -1, 1, 5, 4);
        var w = GradCheck.RandomInput(2, -1, 1, 3, 4);
        var b = GradCheck.RandomInput(3, -1, 1, 3);
        GradCheck.Check(t => Ops.Linear(t[0], t[1], t[2]), [x, w, b]);
        GradCheck.Check(t => Ops.Linear(t[0], t[1]), [x, w]);
    }

    [Fact]
    public void Linear_flattens_leading_dimensions()
    {
        var x = GradCheck.RandomInput(4, -1, 1, 2, 3, 4);
        var w = GradCheck.RandomInput(5, -1, 1, 6, 4);
        var b = GradCheck.RandomInput(6, -1, 1, 6);
        var y = Ops.Linear(x, w, b);
        Assert.Equal([2, 3, 6], y.Shape.ToArray());
        var flat = Ops.Linear(Ops.Reshape(x, 6, 4), w, b);
        Assert.Equal(flat.ToArray(), y.ToArray());
        GradCheck.Check(t => Ops.Linear(t[0], t[1], t[2]), [x, w, b]);
    }

    [Fact]
    public void Linear_equals_matmul_plus_bias()
    {
        var x = GradCheck.RandomInput(7, -1, 1, 3, 5);
        var w = GradCheck.RandomInput(8, -1, 1, 2, 5);
        var b = GradCheck.RandomInput(9, -1, 1, 2);
        TensorAssert.Close(Ops.MatMul(x, w, transB: true) + b, Ops.Linear(x, w, b), "linear");
    }

    [Fact]
    public void Linear_rejects_mismatched_shapes_naming_them()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Linear(Tensor.Zeros(4, 5), Tensor.Zeros(3, 6)));
        Assert.Contains("(4, 5)", ex.Message);
        Assert.Contains("(3, 6)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Ops.Linear(Tensor.Zeros(4, 5), Tensor.Zeros(3, 5), Tensor.Zeros(4)));
        Assert.Contains("bias (4)", ex.Message);
        Assert.Throws<ArgumentException>(() => Ops.Linear(Tensor.Zeros(5), Tensor.Zeros(3, 5)));
    }

    [Fact]
    public void Module_has_pytorch_state_names_and_init_bounds()
    {
        var layer = new Linear(16, 8, new Rng(0));
        Assert.Equal(["weight", "bias"], layer.StateEntries().Select(e => e.Name));
        Assert.Equal([8, 16], layer.Weight.Shape.ToArray());
        Assert.Equal([8], layer.Bias!.Shape.ToArray());
        var bound = 1f / MathF.Sqrt(16);
        Assert.All(layer.Weight.ToArray().Concat(layer.Bias.ToArray()), v => Assert.InRange(v, -bound, bound));
        Assert.True(layer.Weight.ToArray().Max() > bound / 2, "weights spread over the init range");
        Assert.True(layer.Weight.RequiresGrad && layer.Bias.RequiresGrad);

        var noBias = new Linear(16, 8, new Rng(0), bias: false);
        Assert.Null(noBias.Bias);
        Assert.Equal(["weight"], noBias.StateEntries().Select(e => e.Name));
        Assert.Equal(layer.Weight.ToArray(), noBias.Weight.ToArray());
    }

    [Fact]
    public void Module_forward_uses_its_parameters()
    {
        var layer = new Linear(3, 2, new Rng(1));
        var x = Tensor.FromArray([1, 2, 3, -1, 0, 1], 2, 3);
        Assert.Equal(Ops.Linear(x, layer.Weight, layer.Bias).ToArray(), layer.Forward(x).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0, 2, new Rng(1)));
    }
}
