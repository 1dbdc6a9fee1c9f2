using Contrastive.IO;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Nn;

/// <summary>State-dict names, initialisation and mode handling of the convolution, normalisation and pooling layers.</summary>
public class ConvNormModuleTests
{
    private static string[] Keys(Module m) => m.StateEntries().Select(e => e.Name).ToArray();

    [Fact]
    public void Conv2d_registers_weight_and_optional_bias_with_pytorch_init()
    {
        var conv = new Conv2d(3, 8, 3, new Rng(1), stride: 2, padding: 1);
        Assert.Equal(["weight", "bias"], Keys(conv));
        Assert.Equal([8, 3, 3, 3], conv.Weight.Shape.ToArray());
        var bound = 1f / MathF.Sqrt(27);
        Assert.All(conv.Weight.ToArray().Concat(conv.Bias!.ToArray()), v => Assert.InRange(v, -bound, bound));
        Assert.True(conv.Weight.ToArray().Max() > bound / 2, "weights should spread over the bound");
        Assert.Equal(["weight"], Keys(new Conv2d(3, 8, 3, new Rng(1), bias: false)));
        Assert.Equal([2, 8, 4, 4], conv.Forward(Tensor.Zeros(2, 3, 8, 8)).Shape.ToArray());
    }

    [Fact]
    public void BatchNorm2d_has_pytorch_state_and_counts_training_batches()
    {
        var bn = new BatchNorm2d(4);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], Keys(bn));
        Assert.Equal(["weight", "bias"], bn.NamedParameters().Select(p => p.Name).ToArray());
        Assert.Equal(SafeTensorsDtype.I64, bn.StateEntries().Single(e => e.Name == "num_batches_tracked").Dtype);
        Assert.Equal(1f, bn.RunningVar.ToArray().Distinct().Single());

        var x = Tensor.Uniform(new Rng(2), 1f, 3f, 3, 4, 2, 2);
        bn.Forward(x);
        bn.Forward(x);
        Assert.Equal(2f, bn.NumBatchesTracked.Item());
        Assert.All(bn.RunningMean.ToArray(), v => Assert.InRange(v, 0.3f, 0.6f)); // 1 - 0.9^2 = 0.19 of a mean near 2

        bn.Eval();
        var y = bn.Forward(x);
        Assert.Equal(2f, bn.NumBatchesTracked.Item());
        var expected = Ops.BatchNorm(x, bn.Weight, bn.Bias, bn.RunningMean.Detach(), bn.RunningVar.Detach(), training: false);
        TensorAssert.Close(expected, y, "eval output uses running statistics");
    }

    [Fact]
    public void Encoder_block_state_keys_follow_the_bench_model()
    {
        var block = new Sequential(new Sequential(new Conv2d(1, 32, 3, new Rng(3), 1, 1, bias: false), new BatchNorm2d(32)));
        Assert.Equal(["0.0.weight", "0.1.weight", "0.1.bias", "0.1.running_mean", "0.1.running_var", "0.1.num_batches_tracked"], Keys(block));
        var head = new BatchNorm1d(128);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], Keys(head));
    }

    [Fact]
    public void BatchNorm_without_affine_has_no_parameters_and_normalises_to_zero_mean_unit_variance()
    {
        // PyTorch BatchNorm1d(affine=False): only the running statistics in the state dict, scale 1 and shift 0.
        var bn = new BatchNorm1d(3, affine: false);
        Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], Keys(bn));
        Assert.Empty(bn.Parameters());
        var x = Tensor.Uniform(new Rng(6), -2, 3, 8, 3);
        var y = bn.Forward(x);
        TensorAssert.Close(Ops.BatchNorm(x, Tensor.Ones(3), Tensor.Zeros(3), null, null, training: true), y, "affine-free output");
        var values = y.ToArray();
        for (var c = 0; c < 3; c++)
        {
            var column = Enumerable.Range(0, 8).Select(i => (double)values[i * 3 + c]).ToArray();
            Assert.Equal(0, column.Average(), 4);
            Assert.Equal(1, column.Select(v => v * v).Average(), 2);
        }
    }

    [Fact]
    public void BatchNorm_layers_reject_the_wrong_rank()
    {
        Assert.Contains("(4, 3)", Assert.Throws<ArgumentException>(() => new BatchNorm2d(3).Forward(Tensor.Zeros(4, 3))).Message);
        Assert.Contains("(4, 3, 2, 2)", Assert.Throws<ArgumentException>(() => new BatchNorm1d(3).Forward(Tensor.Zeros(4, 3, 2, 2))).Message);
        Assert.Equal(0f, new BatchNorm1d(3).NumBatchesTracked.Item());
    }

    [Fact]
    public void LayerNorm_and_pooling_layers_apply_their_ops()
    {
        var ln = new LayerNorm(5);
        Assert.Equal(["weight", "bias"], Keys(ln));
        var x = Tensor.Uniform(new Rng(4), -1, 1, 2, 5);
        TensorAssert.Close(Ops.LayerNorm(x, Tensor.Ones(5), Tensor.Zeros(5)), ln.Forward(x), "layer norm");

        var img = Tensor.Uniform(new Rng(5), -1, 1, 2, 3, 6, 6);
        Assert.Equal([2, 3, 3, 3], new MaxPool2d(3, 2, 1).Forward(img).Shape.ToArray());
        Assert.Equal([2, 3, 3, 3], new AvgPool2d(2).Forward(img).Shape.ToArray());
        var pooled = new GlobalAvgPool2d().Forward(img);
        Assert.Equal([2, 3], pooled.Shape.ToArray());
        TensorAssert.Close(Ops.Mean(Ops.Reshape(img, 2, 3, 36), 2), pooled, "global average");
        Assert.Empty(Keys(new MaxPool2d(2)));
    }
}
