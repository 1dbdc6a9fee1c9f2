using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Models;

/// <summary>The GRU over spectrogram frames against PyTorch (tests/reference/audio.json, case gru_frame_encoder) and finite differences.</summary>
public class GruFrameEncoderTests
{
    private static readonly string[] s_inputs = ["x", "out", "upstream"];

    [Fact]
    public void Matches_pytorch_output_and_gradients()
    {
        var c = ReferenceData.Cases("audio.json").Single(k => k.Name == "gru_frame_encoder");
        var encoder = new GruFrameEncoder(new Rng(1), (int)c.Param("features"), (int)c.Param("hidden"));
        encoder.LoadState(c.Tensors.Where(kv => !s_inputs.Contains(kv.Key) && !kv.Key.StartsWith("grad_", StringComparison.Ordinal))
            .ToDictionary(kv => "gru." + kv.Key, kv => kv.Value), strict: true);
        var x = c.Get("x", requiresGrad: true);
        var y = encoder.Forward(x);
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
        foreach (var (key, p) in encoder.NamedParameters())
            TensorAssert.Close(c.Get("grad_" + key["gru.".Length..]), p.Grad, "grad_" + key);
        Assert.Equal(2 * (int)c.Param("hidden"), encoder.OutputDim);
    }

    [Fact]
    public void Matches_finite_differences()
    {
        var encoder = new GruFrameEncoder(new Rng(4), 3, 2);
        GradCheck.Check(inputs => encoder.Forward(inputs[0]), [GradCheck.RandomInput(5, -1f, 1f, 2, 1, 3, 4)]);
    }

    [Fact]
    public void Refuses_inputs_that_are_not_one_channel_spectrograms()
    {
        var encoder = new GruFrameEncoder(new Rng(4), 3, 2);
        Assert.Contains("(B, 1, 3, T)", Assert.Throws<ArgumentException>(() => encoder.Forward(new Tensor(new float[24], [2, 1, 4, 3]))).Message);
    }
}
