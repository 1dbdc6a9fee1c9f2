using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Nn;

/// <summary>
/// TransformerEncoderLayer against PyTorch nn.TransformerEncoderLayer (tests/reference/transformer.json, made by
/// make_transformer_vectors.py): the PyTorch state_dict loads strictly, and the output and the gradients of the input
/// and every parameter match, post- and pre-norm, relu and gelu, eval mode and train mode with dropout 0.
/// </summary>
public class TransformerEncoderLayerTests
{
    private static readonly string s_file = ReferenceData.PathOf("transformer.json");
    private static readonly string[] s_inputs = ["x", "mask", "out", "upstream"];

    public static TheoryDataNames Cases =>
        new(ReferenceData.Load(s_file).Select(c => c.Name).Where(n => !n.StartsWith("text_", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch_output_and_every_gradient(string name)
    {
        var c = ReferenceData.Load(s_file).Single(k => k.Name == name);
        var x = c.Get("x", requiresGrad: true);
        var layer = new TransformerEncoderLayer(x.Size(2), (int)c.Param("heads"), new Rng(1), (int)c.Param("ff"), (float)c.Param("dropout"),
            c.Params.GetProperty("activation").GetString() == "gelu" ? TransformerActivation.Gelu : TransformerActivation.Relu,
            normFirst: c.BoolParam("norm_first"));
        layer.LoadState(StateOf(c), strict: true);
        layer.Train(c.BoolParam("train"));
        var mask = c.BoolParam("masked") ? c.Get("mask").ToArray().Select(v => v != 0).ToArray() : null;

        var y = layer.Forward(x, mask);
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
        foreach (var (key, p) in layer.NamedParameters())
            TensorAssert.Close(c.Get("grad_" + key), p.Grad, "grad_" + key);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Matches_finite_differences_for_input_and_parameters(bool normFirst, bool masked)
    {
        var layer = new TransformerEncoderLayer(4, 2, new Rng(3), feedForwardDim: 6, dropout: 0f, TransformerActivation.Gelu, normFirst);
        foreach (var (_, p) in layer.NamedParameters()) Perturb(p, 5);
        bool[]? mask = masked ? [false, false, true, false, true, true] : null;
        var x = GradCheck.RandomInput(4, -1, 1, 2, 3, 4);
        GradCheck.Check(t => layer.Forward(t[0], mask), [x, .. layer.Parameters()]);
    }

    [Fact]
    public void State_keys_are_pytorch_keys_in_pytorch_order()
    {
        var layer = new TransformerEncoderLayer(8, 2, new Rng(0), feedForwardDim: 16);
        Assert.Equal(["self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
            "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"],
            layer.StateEntries().Select(e => e.Name));
        Assert.Equal([16, 8], layer.Linear1.Weight.Shape.ToArray());
        Assert.Equal([8, 16], layer.Linear2.Weight.Shape.ToArray());
    }

    [Fact]
    public void Dropout_acts_in_training_only_and_is_seeded()
    {
        TransformerEncoderLayer Make() => new(8, 2, new Rng(9), feedForwardDim: 16, dropout: 0.5f);
        var x = GradCheck.RandomInput(1, -1, 1, 2, 3, 8);
        var (a, b) = (Make(), Make());
        var trainA = a.Forward(x).ToArray();
        Assert.Equal(trainA, b.Forward(x).ToArray());
        a.Eval();
        var eval1 = a.Forward(x).ToArray();
        Assert.Equal(eval1, a.Forward(x).ToArray());
        Assert.NotEqual(eval1, trainA);
    }

    [Fact]
    public void Padding_positions_do_not_change_the_other_outputs()
    {
        var layer = new TransformerEncoderLayer(4, 2, new Rng(2), feedForwardDim: 8, dropout: 0f);
        var x = GradCheck.RandomInput(6, -1, 1, 1, 3, 4);
        var y = layer.Forward(x, [false, false, true]).ToArray();
        x.Span[8..].Fill(42f); // the padded third token
        var z = layer.Forward(x, [false, false, true]).ToArray();
        TensorAssert.Close(y.AsSpan(0, 8), z.AsSpan(0, 8), "unpadded outputs");
    }

    [Fact]
    public void Rejects_heads_that_do_not_divide_the_width()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TransformerEncoderLayer(6, 4, new Rng(0)));
        Assert.Contains("4 heads do not divide the width 6", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransformerEncoderLayer(8, 2, new Rng(0), dropout: 1f));
    }

    private static Dictionary<string, Tensor> StateOf(ReferenceCase c) =>
        c.Tensors.Where(kv => !s_inputs.Contains(kv.Key) && !kv.Key.StartsWith("grad_", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>Moves a parameter away from PyTorch's init (LayerNorm ones/zeros, zero biases) so every path is exercised.</summary>
    private static void Perturb(Tensor p, ulong seed)
    {
        var noise = Tensor.Randn(new Rng(seed + (ulong)p.Length), p.Shape.ToArray()).Span;
        var span = p.Span;
        for (var i = 0; i < span.Length; i++) span[i] += 0.3f * noise[i];
    }
}
