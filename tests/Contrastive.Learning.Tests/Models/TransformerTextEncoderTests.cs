using Contrastive.Data.Text;
using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Models;

/// <summary>
/// The Transformer text encoder against a PyTorch model of the same architecture (tests/reference/transformer.json,
/// case text_encoder_mean_pool: its state_dict loads strictly), finite differences, padding and the input contract.
/// </summary>
public class TransformerTextEncoderTests
{
    private static readonly string[] s_inputs = ["x", "mask", "out", "upstream"];

    private static TransformerTextEncoder Tiny(TextPooling pooling = TextPooling.Mean, ulong seed = 1) =>
        new(new Rng(seed), new TextEncoderOptions(11, 8) { ModelDim = 8, Heads = 2, FeedForwardDim = 16, Layers = 2, Pooling = pooling });

    [Fact]
    public void Matches_pytorch_output_and_every_parameter_gradient()
    {
        var c = ReferenceData.Load(ReferenceData.PathOf("transformer.json")).Single(k => k.Name == "text_encoder_mean_pool");
        var encoder = Tiny();
        encoder.LoadState(c.Tensors.Where(kv => !s_inputs.Contains(kv.Key) && !kv.Key.StartsWith("grad_", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value), strict: true);

        var y = encoder.Forward(c.Get("x"));
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        foreach (var (key, p) in encoder.NamedParameters())
            TensorAssert.Close(c.Get("grad_" + key), p.Grad, "grad_" + key);
    }

    [Theory]
    [InlineData(TextPooling.Mean)]
    [InlineData(TextPooling.Cls)]
    public void Matches_finite_differences(TextPooling pooling)
    {
        var encoder = new TransformerTextEncoder(new Rng(4), new TextEncoderOptions(7, 4) { ModelDim = 4, Heads = 2, FeedForwardDim = 4, Layers = 1, Pooling = pooling });
        var ids = Tensor.FromArray([2, 5, 6, 0, 2, 1, 0, 0], 2, 4);
        GradCheck.Check(_ => encoder.Forward(ids), [.. encoder.Parameters()]);
    }

    [Fact]
    public void Extra_padding_does_not_change_the_embedding()
    {
        var encoder = Tiny();
        var short_ = encoder.Forward(Tensor.FromArray([2, 5, 7, 3], 1, 4)).ToArray();
        var padded = encoder.Forward(Tensor.FromArray([2, 5, 7, 3, 0, 0, 0], 1, 7)).ToArray();
        TensorAssert.Close(short_, padded, "mean-pooled embedding");
        var cls = Tiny(TextPooling.Cls);
        TensorAssert.Close(cls.Forward(Tensor.FromArray([2, 5, 7, 3], 1, 4)).ToArray(), cls.Forward(Tensor.FromArray([2, 5, 7, 3, 0, 0], 1, 6)).ToArray(), "cls embedding");
    }

    [Fact]
    public void Word_order_matters_through_the_position_embedding()
    {
        var encoder = Tiny();
        var a = encoder.Forward(Tensor.FromArray([2, 5, 7, 3], 1, 4)).ToArray();
        var b = encoder.Forward(Tensor.FromArray([2, 7, 5, 3], 1, 4)).ToArray();
        Assert.True(a.Zip(b).Max(p => MathF.Abs(p.First - p.Second)) > 1e-3f);
    }

    [Fact]
    public void Packs_tokenizer_output_and_has_output_dim()
    {
        var tokenizer = WordTokenizer.Build(["a photo of a shirt", "a photo of a bag"], 20);
        var texts = new[] { tokenizer.Encode("a photo of a bag", 8), tokenizer.Encode("shirt", 8) };
        var ids = TransformerTextEncoder.IdsToTensor(texts);
        Assert.Equal([2, 8], ids.Shape.ToArray());
        Assert.Equal(texts[1].Ids.Select(i => (float)i), ids.ToArray().Skip(8));
        var encoder = new TransformerTextEncoder(new Rng(0), new TextEncoderOptions(tokenizer.VocabularySize, 8) { ModelDim = 16 });
        Assert.Equal(16, encoder.OutputDim);
        Assert.Equal([2, 16], encoder.Forward(ids).Shape.ToArray());
        Assert.Throws<ArgumentException>(() => TransformerTextEncoder.IdsToTensor([texts[0], tokenizer.Encode("bag", 5)]));
    }

    [Fact]
    public void Rejects_bad_input_with_a_clear_message()
    {
        var encoder = Tiny();
        Assert.Contains("0 < T <= 8", Assert.Throws<ArgumentException>(() => encoder.Forward(Tensor.Zeros(1, 9))).Message);
        Assert.Contains("(4)", Assert.Throws<ArgumentException>(() => encoder.Forward(Tensor.Zeros(4))).Message);
        Assert.Contains("row 1 is all padding", Assert.Throws<ArgumentException>(() => encoder.Forward(Tensor.FromArray([2, 3, 0, 0], 2, 2))).Message);
        Assert.Contains("row 0 starts with padding", Assert.Throws<ArgumentException>(() => Tiny(TextPooling.Cls).Forward(Tensor.FromArray([0, 3], 1, 2))).Message);
        Assert.ThrowsAny<ArgumentException>(() => encoder.Forward(Tensor.FromArray([2, 11], 1, 2)));
        Assert.ThrowsAny<ArgumentException>(() => encoder.Forward(Tensor.FromArray([2, 1.5f], 1, 2)));
    }

    [Fact]
    public void State_keys_follow_pytorch_naming()
    {
        var keys = Tiny().StateEntries().Select(e => e.Name).ToArray();
        Assert.Equal("position_embedding", keys[0]);
        Assert.Equal("token_embedding.weight", keys[1]);
        Assert.Contains("layers.1.self_attn.out_proj.weight", keys);
        Assert.Equal(["norm.weight", "norm.bias"], keys[^2..]);
    }
}
