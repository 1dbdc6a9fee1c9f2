using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Nn;

/// <summary>The MultiheadAttention module: PyTorch state keys and initialisation, and that it calls the fused op.</summary>
public class MultiheadAttentionTests
{
    [Fact]
    public void Has_pytorch_state_keys_shapes_and_init()
    {
        const int d = 16;
        var mha = new MultiheadAttention(d, 4, new Rng(0));
        Assert.Equal(["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"], mha.StateEntries().Select(e => e.Name));
        Assert.Equal([3 * d, d], mha.InProjWeight.Shape.ToArray());
        var xavier = MathF.Sqrt(6f / (d + 3 * d));
        var w = mha.InProjWeight.ToArray();
        Assert.All(w, v => Assert.InRange(v, -xavier, xavier));
        Assert.True(w.Max() > 0.8f * xavier && w.Min() < -0.8f * xavier, "in_proj_weight spreads over the xavier range");
        Assert.All(mha.InProjBias!.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(mha.OutProj.Bias!.ToArray(), v => Assert.Equal(0f, v));
        var linear = 1f / MathF.Sqrt(d);
        Assert.All(mha.OutProj.Weight.ToArray(), v => Assert.InRange(v, -linear, linear));
    }

    [Fact]
    public void Forward_is_the_fused_op_with_the_mask()
    {
        var mha = new MultiheadAttention(4, 2, new Rng(1));
        var x = GradCheck.RandomInput(2, -1, 1, 2, 3, 4);
        bool[] mask = [false, true, false, false, false, true];
        var expected = Ops.MultiHeadSelfAttention(x, mha.InProjWeight, mha.InProjBias, mha.OutProj.Weight, mha.OutProj.Bias, 2, mask);
        Assert.Equal(expected.ToArray(), mha.Forward(x, mask).ToArray());
        Assert.Equal(Ops.MultiHeadSelfAttention(x, mha.InProjWeight, mha.InProjBias, mha.OutProj.Weight, mha.OutProj.Bias, 2).ToArray(),
            mha.Forward(x).ToArray());
    }

    [Fact]
    public void Without_bias_has_no_bias_state()
    {
        var mha = new MultiheadAttention(4, 1, new Rng(2), bias: false);
        Assert.Equal(["in_proj_weight", "out_proj.weight"], mha.StateEntries().Select(e => e.Name));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(6, 4, new Rng(0)));
    }
}
