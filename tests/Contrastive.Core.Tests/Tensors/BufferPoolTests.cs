using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Recycled gradient buffers of large intermediates: reuse must never leak values between passes.</summary>
public class BufferPoolTests
{
    [Fact]
    public void Large_intermediate_gradients_are_recycled_zeroed_across_backward_passes()
    {
        var x = GradCheck.RandomInput(61, -1, 1, 2, BufferPool.MinFloats);
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
        var buffer = BufferPool.RentZeroed(BufferPool.MinFloats + 3);
        Array.Fill(buffer, 7f);
        BufferPool.Return(buffer);
        var again = BufferPool.RentZeroed(BufferPool.MinFloats + 3);
        Assert.Equal(BufferPool.MinFloats + 3, again.Length);
        Assert.All(again, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void A_parameter_keeps_its_own_gradient_after_backward()
    {
        var w = GradCheck.RandomInput(62, -1, 1, BufferPool.MinFloats);
        Ops.Sum(Ops.Scale(w, 2f)).Backward();
        var grad = w.Grad!;
        Ops.Sum(Ops.Scale(Tensor.Parameter(new float[BufferPool.MinFloats], BufferPool.MinFloats), 5f)).Backward();
        Assert.Same(grad, w.Grad);
        Assert.All(grad.Span.ToArray(), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void Sequential_inference_recycles_intermediates_without_changing_results()
    {
        var rng = new Rng(63);
        var model = new Sequential(
            new Conv2d(2, 4, 3, rng, padding: 1), new BatchNorm2d(4), new ReLU(),
            new Conv2d(4, 4, 3, rng, padding: 1), new ReLU(), new Conv2d(4, 3, 1, rng));
        model.Eval();
        var x = Tensor.Uniform(rng, 0f, 1f, 2, 2, 128, 128);
        var before = x.ToArray();
        Tensor expected;
        using (Autograd.NoGrad()) expected = model.Forward(x);
        // With a graph nothing is recycled; the outputs must agree, the input must be untouched, and a second
        // no-grad pass (reusing recycled buffers) must give the same again.
        TensorAssert.Close(expected, model.Forward(x), "with graph");
        using (Autograd.NoGrad()) TensorAssert.Close(expected, model.Forward(x), "second no-grad pass");
        Assert.Equal(before, x.ToArray());
    }

    [Fact]
    public void Recycling_activations_gives_the_same_gradients_step_after_step()
    {
        var rng = new Rng(64);
        var model = new Sequential(
            new Conv2d(2, 4, 3, rng, padding: 1), new BatchNorm2d(4), new ReLU(),
            new Conv2d(4, 4, 3, rng, padding: 1), new ReLU(), new Conv2d(4, 3, 1, rng));
        var x = Tensor.Uniform(rng, 0f, 1f, 2, 2, 128, 128);
        float[] Step(bool recycle)
        {
            foreach (var p in model.Parameters()) p.ZeroGrad();
            using var scope = recycle ? Autograd.RecycleActivations() : null;
            var y = model.Forward(x);
            // The reshape shares y's values: neither may be recycled while the other could still be read.
            Ops.Sum(Ops.Mul(y, Ops.Reshape(y, y.Shape.ToArray()))).Backward();
            return model.Parameters().SelectMany(p => p.Grad!.ToArray()).ToArray();
        }
        var plain = Step(recycle: false);
        var first = Step(recycle: true);
        var second = Step(recycle: true);
        TensorAssert.Close(plain, first, "first step with recycling");
        TensorAssert.Close(plain, second, "a step over the previous step's recycled activations");
    }

    /// <summary>A length no other test uses, so that tests running in parallel never take these buffers from the pool.</summary>
    private const int OddLength = BufferPool.MinFloats + 17;

    [Fact]
    public void Backward_inside_the_scope_recycles_dead_activations_but_not_shared_ones()
    {
        var x = GradCheck.RandomInput(65, -1, 1, OddLength);
        Tensor y, shared;
        using (Autograd.RecycleActivations())
        {
            y = Ops.Scale(x, 2f);
            shared = Ops.Reshape(Ops.Scale(x, 3f), OddLength);
            Ops.Sum(Ops.Mul(Ops.Relu(y), shared)).Backward();
        }
        var rented = Enumerable.Range(0, 4).Select(_ => BufferPool.Rent(OddLength)).ToArray();
        Assert.Contains(rented, b => ReferenceEquals(b, y.Buffer));
        Assert.DoesNotContain(rented, b => ReferenceEquals(b, shared.Buffer));
        Assert.DoesNotContain(rented, b => ReferenceEquals(b, x.Buffer));
    }

    [Fact]
    public void Backward_outside_the_scope_keeps_every_activation()
    {
        var x = GradCheck.RandomInput(66, -1, 1, OddLength + 1);
        var y = Ops.Scale(x, 2f);
        Ops.Sum(Ops.Relu(y)).Backward();
        var rented = Enumerable.Range(0, 4).Select(_ => BufferPool.Rent(OddLength + 1)).ToArray();
        Assert.DoesNotContain(rented, b => ReferenceEquals(b, y.Buffer));
        Assert.All(y.Span.ToArray().Zip(x.Span.ToArray()), p => Assert.Equal(2f * p.Second, p.First));
    }
}
