using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>The fused batch norm + ReLU against the two separate ops (values, every gradient, running statistics).</summary>
public class BatchNormReluTests
{
    [Theory]
    [InlineData(new[] { 6, 5 }, true)]
    [InlineData(new[] { 4, 3, 5, 7 }, true)]
    [InlineData(new[] { 3, 2, 33 }, true)]
    [InlineData(new[] { 4, 3, 5, 7 }, false)]
    public void BatchNormRelu_equals_relu_of_batch_norm(int[] shape, bool training)
    {
        var (fused, fusedState) = Run(shape, training, (x, g, b, m, v) => Ops.BatchNormRelu(x, g, b, m, v, training));
        var (separate, separateState) = Run(shape, training, (x, g, b, m, v) => Ops.Relu(Ops.BatchNorm(x, g, b, m, v, training)));
        Assert.Contains(fused.Span.ToArray(), v => v == 0f);
        TensorAssert.Close(separate, fused, "out");
        for (var i = 0; i < separateState.Length; i++) TensorAssert.Close(separateState[i], fusedState[i], $"state {i}");
    }

    [Fact]
    public void Sequential_fuses_batch_norm_followed_by_relu_with_the_same_result_and_bookkeeping()
    {
        var x = Tensor.Randn(new Rng(41), 4, 3, 5, 5);
        var fused = new Sequential(new BatchNorm2d(3), new ReLU());
        var norm = new BatchNorm2d(3);
        var expected = Ops.Relu(norm.Forward(x));
        TensorAssert.Close(expected, fused.Forward(x), "output");
        var fusedNorm = (BatchNorm2d)fused.Layers[0];
        Assert.Equal(1f, fusedNorm.NumBatchesTracked.Item());
        TensorAssert.Close(norm.RunningVar, fusedNorm.RunningVar, "running_var");
    }

    /// <summary>Output, then grad_x, grad_gamma, grad_beta, running mean and variance after one forward/backward.</summary>
    private static (Tensor Out, Tensor[] State) Run(int[] shape, bool training, Func<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor> op)
    {
        var c = shape[1];
        var x = GradCheck.RandomInput(51, -1, 1, shape);
        var gamma = GradCheck.RandomInput(52, 0.5f, 1.5f, c);
        var beta = GradCheck.RandomInput(53, -0.5f, 0.5f, c);
        var mean = Tensor.Uniform(new Rng(54), -0.5f, 0.5f, c);
        var variance = Tensor.Uniform(new Rng(55), 0.5f, 2f, c);
        var y = op(x, gamma, beta, mean, variance);
        y.Backward(Tensor.Uniform(new Rng(56), -1f, 1f, shape));
        return (y, [x.Grad!, gamma.Grad!, beta.Grad!, mean, variance]);
    }
}
