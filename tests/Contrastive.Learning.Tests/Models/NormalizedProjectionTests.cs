using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Runs;
using Contrastive.Tensors;

namespace Contrastive.Learning.Tests.Models;

/// <summary>The triplet and SimSiam heads: the projection head plus a batch norm without scale or shift.</summary>
public class NormalizedProjectionTests
{
    private static readonly InputGeometry s_mlpInput = InputGeometry.Table(6);

    [Theory]
    [InlineData("triplet")]
    [InlineData("simsiam")]
    public void The_head_ends_in_an_affine_free_batch_norm(string method)
    {
        var model = MethodFactory.CreateModel(new TrainConfig { Method = method, Arch = "mlp" }, s_mlpInput, 3, 1, withPredictor: false);
        var keys = model.StateEntries().Select(e => e.Name).ToList();
        Assert.Contains("head.4.running_mean", keys);
        Assert.Contains("head.4.num_batches_tracked", keys);
        Assert.DoesNotContain("head.4.weight", keys);
        Assert.IsType<BatchNorm1d>(((Sequential)model.Head!).Layers[^1]);
    }

    [Theory]
    [InlineData("simclr")]
    [InlineData("byol")]
    [InlineData("barlow")]
    public void Other_heads_have_no_output_norm(string method)
    {
        var model = MethodFactory.CreateModel(new TrainConfig { Method = method, Arch = "mlp" }, s_mlpInput, 0, 1, withPredictor: false);
        Assert.DoesNotContain(model.StateEntries(), e => e.Name.StartsWith("head.4.", StringComparison.Ordinal));
    }

    [Fact]
    public void Nearly_identical_inputs_still_give_spread_embeddings_in_training()
    {
        // The collapse that hard mining drives towards: every sample mapped to about the same point. The neck rescales
        // each dimension to unit variance over the batch, so the embeddings cannot all coincide.
        var head = Heads.NormalizedProjection(new Rng(2), 8, 16, 4);
        var rng = new Rng(3);
        var x = Ops.AddScalar(Tensor.Uniform(rng, -1e-3f, 1e-3f, 32, 8), 1f);
        var z = head.Forward(x).ToArray();
        for (var d = 0; d < 4; d++)
        {
            var column = Enumerable.Range(0, 32).Select(i => (double)z[i * 4 + d]).ToArray();
            var mean = column.Average();
            Assert.Equal(0, mean, 3);
            Assert.Equal(1, Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average()), 1);
        }
    }
}
