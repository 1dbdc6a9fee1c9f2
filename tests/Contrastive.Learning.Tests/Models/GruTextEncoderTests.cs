using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Models;

/// <summary>
/// The GRU text encoder against a PyTorch model of the same architecture (tests/reference/gru.json, case
/// text_encoder_gru_mean_pool: embedding, bidirectional nn.GRU on a packed sequence, masked mean), finite differences,
/// padding, dropout and the input contract.
/// </summary>
public class GruTextEncoderTests
{
    private static readonly string[] s_inputs = ["x", "lengths", "out", "upstream"];

    [Fact]
    public void Matches_pytorch_output_and_every_parameter_gradient()
    {
        var c = ReferenceData.Load(ReferenceData.PathOf("gru.json")).Single(k => k.Name == "text_encoder_gru_mean_pool");
        var encoder = new GruTextEncoder(new Rng(1), (int)c.Param("vocab"), (int)c.Param("dim"), (int)c.Param("hidden"));
        encoder.LoadState(c.Tensors.Where(kv => !s_inputs.Contains(kv.Key) && !kv.Key.StartsWith("grad_", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value), strict: true);

        var y = encoder.Forward(c.Get("x"));
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        foreach (var (key, p) in encoder.NamedParameters())
            TensorAssert.Close(c.Get("grad_" + key), p.Grad, "grad_" + key);
    }

    [Fact]
    public void Matches_finite_differences()
    {
        var encoder = new GruTextEncoder(new Rng(4), 7, 3, 2);
        var ids = Tensor.FromArray([2, 5, 6, 0, 2, 1, 0, 0], 2, 4);
        GradCheck.Check(_ => encoder.Forward(ids), [.. encoder.Parameters()]);
    }

    [Fact]
    public void Extra_padding_does_not_change_the_embedding()
    {
        var encoder = new GruTextEncoder(new Rng(1), 11, 4, 3);
        Assert.Equal(6, encoder.OutputDim);
        TensorAssert.Close(encoder.Forward(Tensor.FromArray([2, 5, 7, 3], 1, 4)).ToArray(),
            encoder.Forward(Tensor.FromArray([2, 5, 7, 3, 0, 0, 0], 1, 7)).ToArray(), "mean-pooled embedding");
    }

    [Fact]
    public void Dropout_makes_two_training_passes_differ_and_eval_deterministic()
    {
        var encoder = new GruTextEncoder(new Rng(1), 11, 8, 4, dropout: 0.3f);
        var ids = Tensor.FromArray([2, 5, 7, 3, 2, 9, 3, 0], 2, 4);
        Assert.NotEqual(encoder.Forward(ids).ToArray(), encoder.Forward(ids).ToArray());
        encoder.Eval();
        Assert.Equal(encoder.Forward(ids).ToArray(), encoder.Forward(ids).ToArray());
    }

    [Fact]
    public void Rejects_padding_before_a_token_and_empty_rows()
    {
        var encoder = new GruTextEncoder(new Rng(1), 11, 4, 3);
        Assert.Contains("pad at the end only", Assert.Throws<ArgumentException>(() => encoder.Forward(Tensor.FromArray([2, 0, 7, 3], 1, 4))).Message);
        Assert.Contains("all padding", Assert.Throws<ArgumentException>(() => encoder.Forward(Tensor.FromArray([0, 0], 1, 2))).Message);
    }
}
