using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Models;

/// <summary>The Transformer layer and text encoder recycle their intermediates in inference without changing any output,
/// pass after pass, and never touch their input.</summary>
public class TransformerRecyclingTests
{
    /// <summary>16 sequences of 32 tokens of width 128: each activation (65,536 floats) is large enough for the buffer pool.</summary>
    private const int Batch = 16, Time = 32, Width = 128;

    private static void AssertRecyclingKeepsOutputs(Module model, Func<Tensor> forward, Tensor input)
    {
        model.Eval();
        var before = input.ToArray();
        var withGraph = forward();
        Tensor first, second;
        using (Autograd.NoGrad())
        {
            first = forward().Detach();
            second = forward();
        }
        TensorAssert.Close(withGraph, first, "no-grad pass", rel: 0, abs: 0);
        TensorAssert.Close(first, second, "second no-grad pass, over recycled buffers", rel: 0, abs: 0);
        Assert.Equal(before, input.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_layer_in_inference_matches_the_graph_pass(bool normFirst)
    {
        var layer = new TransformerEncoderLayer(Width, 4, new Rng(41), feedForwardDim: 2 * Width, dropout: 0.1f, TransformerActivation.Gelu, normFirst);
        var x = Tensor.Randn(new Rng(42), Batch, Time, Width);
        var padding = Enumerable.Range(0, Batch * Time).Select(i => i % Time >= Time - i / Time % 5).ToArray();
        AssertRecyclingKeepsOutputs(layer, () => layer.Forward(x, padding), x);
    }

    [Fact]
    public void The_text_encoder_in_inference_matches_the_graph_pass()
    {
        var encoder = new TransformerTextEncoder(new Rng(43), new TextEncoderOptions(50, Time) { ModelDim = Width, Heads = 4, Layers = 2 });
        var rng = new Rng(44);
        var ids = Tensor.Zeros(Batch, Time);
        for (var r = 0; r < Batch; r++)
            for (var t = 0; t < Time - r; t++) ids.Span[r * Time + t] = 1 + rng.NextInt(49);
        AssertRecyclingKeepsOutputs(encoder, () => encoder.Forward(ids), ids);
    }

    [Fact]
    public void Gradients_over_pooled_buffers_match_the_sum_over_two_half_batches()
    {
        // The attention's kept buffers share lengths with its gradient buffers (qkv and dqkv): one returned to the
        // pool before the backward has read it would be overwritten there. Half batches use buffers of other lengths.
        var layer = new TransformerEncoderLayer(Width, 4, new Rng(45), feedForwardDim: 2 * Width, dropout: 0f, TransformerActivation.Gelu, normFirst: true);
        var x = Tensor.Randn(new Rng(46), Batch, Time, Width);
        float[][] Gradients(params Tensor[] batches)
        {
            foreach (var p in layer.Parameters()) p.ZeroGrad();
            foreach (var batch in batches)
                using (Autograd.RecycleActivations())
                    Ops.Sum(Ops.Square(layer.Forward(batch, null))).Backward();
            return [.. layer.Parameters().Select(p => p.Grad!.ToArray())];
        }

        var whole = Gradients(x);
        var again = Gradients(x);
        var halves = Gradients(Ops.Narrow(x, 0, 0, Batch / 2), Ops.Narrow(x, 0, Batch / 2, Batch / 2));
        foreach (var (w, (a, h)) in whole.Zip(again.Zip(halves)))
        {
            TensorAssert.Close(w, a, "second step, over recycled buffers", rel: 0, abs: 0);
            TensorAssert.Close(w, h, "two half batches", rel: 1e-4, abs: 1e-3);
        }
    }
}
