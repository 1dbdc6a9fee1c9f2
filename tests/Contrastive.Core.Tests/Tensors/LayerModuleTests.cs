using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>The activation, dropout and embedding modules: each calls its op and registers the right state.</summary>
public class LayerModuleTests
{
    [Fact]
    public void Activation_modules_apply_their_ops()
    {
        var x = GradCheck.RandomInput(61, -3f, 3f, 3, 4);
        (Module Module, Tensor Expected)[] pairs =
        [
            (new ReLU(), Ops.Relu(x)), (new LeakyReLU(0.2f), Ops.LeakyRelu(x, 0.2f)),
            (new GELU(), Ops.Gelu(x)), (new GELU(GeluApproximation.Tanh), Ops.Gelu(x, GeluApproximation.Tanh)),
            (new Contrastive.Nn.Tanh(), Ops.Tanh(x)), (new Sigmoid(), Ops.Sigmoid(x)), (new SiLU(), Ops.Silu(x)),
        ];
        foreach (var (module, expected) in pairs)
        {
            Assert.Empty(module.StateEntries());
            Assert.Equal(expected.ToArray(), module.Forward(x).ToArray());
        }
    }

    [Fact]
    public void Dropout_module_is_active_only_in_training()
    {
        var x = Tensor.Ones(1000);
        var dropout = new Contrastive.Nn.Dropout(0.5f, new Rng(1));
        Assert.Contains(dropout.Forward(x).ToArray(), v => v == 0f);
        dropout.Eval();
        Assert.Same(x, dropout.Forward(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Contrastive.Nn.Dropout(1f, new Rng(1)));
    }

    [Fact]
    public void Embedding_module_registers_a_standard_normal_weight_and_looks_up_rows()
    {
        var embedding = new Contrastive.Nn.Embedding(1000, 16, new Rng(2));
        var (name, weight, _) = Assert.Single(embedding.StateEntries());
        Assert.Equal("weight", name);
        Assert.True(weight.RequiresGrad);
        Assert.Equal([1000, 16], weight.Shape.ToArray());
        var values = weight.ToArray();
        Assert.InRange(values.Average(), -0.03, 0.03);
        Assert.InRange(Math.Sqrt(values.Average(v => v * v)), 0.97, 1.03);

        var y = embedding.Forward(Tensor.FromArray([3, 999, 3], 1, 3));
        Assert.Equal([1, 3, 16], y.Shape.ToArray());
        Assert.Equal(weight.ToArray().AsSpan(3 * 16, 16).ToArray(), y.ToArray().AsSpan(0, 16).ToArray());
        Ops.Sum(y).Backward();
        Assert.Equal(2f, weight.Grad![3, 0]);
        Assert.Throws<ArgumentException>(() => embedding.Forward(Tensor.FromArray([1.5f], 1)));
    }
}
