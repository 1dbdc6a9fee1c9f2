using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Recycled gradient buffers of large intermediates: reuse must never leak values between passes.</summary>
public class GradPoolTests
{
    [Fact]
    public void Large_intermediate_gradients_are_recycled_zeroed_across_backward_passes()
    {
        var x = GradCheck.RandomInput(61, -1, 1, 2, GradPool.MinFloats);
        float[] Pass()
        {
            x.ZeroGrad();
            // Two large intermediates (y, y * y) whose gradients come from and go back to the pool.
            var y = Ops.Scale(x, 3f);
            Ops.Sum(Ops.Mul(y, y)).Backward();
            return x.Grad!.ToArray();
        }
        var first = Pass();
        var second = Pass();
        TensorAssert.Close(x.Span.ToArray().Select(v => 18f * v).ToArray(), first, "d/dx sum((3x)^2) = 18x");
        TensorAssert.Close(first, second, "second pass over recycled buffers");
    }

    [Fact]
    public void Returned_buffers_come_back_zero_filled_and_of_the_exact_length()
    {
        var buffer = GradPool.RentZeroed(GradPool.MinFloats + 3);
        Array.Fill(buffer, 7f);
        GradPool.Return(buffer);
        var again = GradPool.RentZeroed(GradPool.MinFloats + 3);
        Assert.Equal(GradPool.MinFloats + 3, again.Length);
        Assert.All(again, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void A_parameter_keeps_its_own_gradient_after_backward()
    {
        var w = GradCheck.RandomInput(62, -1, 1, GradPool.MinFloats);
        Ops.Sum(Ops.Scale(w, 2f)).Backward();
        var grad = w.Grad!;
        Ops.Sum(Ops.Scale(Tensor.Parameter(new float[GradPool.MinFloats], GradPool.MinFloats), 5f)).Backward();
        Assert.Same(grad, w.Grad);
        Assert.All(grad.Span.ToArray(), v => Assert.Equal(2f, v));
    }
}
