using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

public class ArithmeticTests
{
    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 3, 4 }, new[] { 4 })]
    [InlineData(new[] { 3, 4 }, new[] { 3, 1 })]
    [InlineData(new[] { 3, 1 }, new[] { 1, 4 })]
    [InlineData(new[] { 2, 3, 4 }, new int[0])]
    [InlineData(new[] { 2, 1, 4 }, new[] { 3, 1 })]
    public void Binary_ops_match_finite_differences_under_broadcasting(int[] shapeA, int[] shapeB)
    {
        Func<Tensor, Tensor, Tensor>[] ops = [Ops.Add, Ops.Sub, Ops.Mul, Ops.Div];
        foreach (var op in ops)
        {
            var a = GradCheck.RandomInput(1, 0.5f, 2f, shapeA);
            var b = GradCheck.RandomInput(2, 0.5f, 2f, shapeB);
            GradCheck.Check(x => op(x[0], x[1]), [a, b]);
        }
    }

    [Fact]
    public void Broadcast_add_of_row_and_column_gives_outer_sum()
    {
        var col = Tensor.FromArray([1, 2, 3], 3, 1);
        var row = Tensor.FromArray([10, 20], 2);
        var y = col + row;
        Assert.Equal([3, 2], y.Shape.ToArray());
        Assert.Equal([11, 21, 12, 22, 13, 23], y.ToArray());
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("(4)", ex.Message);
    }

    [Fact]
    public void Gradients_accumulate_when_a_tensor_is_used_twice()
    {
        var x = Tensor.Parameter([3f], 1);
        Ops.Sum(x * x + x).Backward();
        Assert.Equal(7f, x.Grad!.Item());
        Ops.Sum(x).Backward();
        Assert.Equal(8f, x.Grad!.Item());
    }

    [Fact]
    public void NoGrad_scope_records_nothing()
    {
        var x = Tensor.Parameter([1f, 2f], 2);
        using (Autograd.NoGrad())
        {
            var y = x * 2f;
            Assert.False(y.TracksGrad);
        }
        Assert.True((x * 2f).TracksGrad);
    }

    [Fact]
    public void EnableGrad_records_inside_NoGrad_until_disposed()
    {
        var x = Tensor.Parameter([1f, 2f], 2);
        using (Autograd.NoGrad())
        {
            using (Autograd.EnableGrad())
            {
                Assert.True(Autograd.IsEnabled);
                Assert.True((x * 2f).TracksGrad);
            }
            Assert.False((x * 2f).TracksGrad);
        }
        Assert.True(Autograd.IsEnabled);
    }

    [Fact]
    public void Tensors_without_grad_do_not_track()
    {
        var y = Tensor.Ones(2) + Tensor.Ones(2);
        Assert.False(y.TracksGrad);
        Assert.Throws<InvalidOperationException>(() => Ops.Sum(y).Backward());
    }

    [Fact]
    public void Detach_cuts_the_graph()
    {
        var x = Tensor.Parameter([2f], 1);
        var y = (x * x).Detach();
        Assert.False(y.TracksGrad);
    }
}
