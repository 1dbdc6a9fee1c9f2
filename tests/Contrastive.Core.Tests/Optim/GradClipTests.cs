using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Core.Tests.Optim;

/// <summary>Clipping by the global gradient norm (PyTorch clip_grad_norm_).</summary>
public class GradClipTests
{
    private static Tensor WithGrad(float[] grad)
    {
        var p = Tensor.Parameter(new float[grad.Length], grad.Length);
        p.Grad = Tensor.FromArray(grad, grad.Length);
        return p;
    }

    [Fact]
    public void Scales_all_gradients_when_the_norm_exceeds_the_maximum()
    {
        Tensor a = WithGrad([3, 4]), b = WithGrad([12]), none = Tensor.Parameter([1], 1);
        var norm = GradClip.ClipByGlobalNorm([a, b, none], 6.5f);
        Assert.Equal(13f, norm);
        var scale = 6.5f / (13f + 1e-6f);
        Assert.Equal([3 * scale, 4 * scale], a.Grad!.ToArray());
        Assert.Equal(12 * scale, b.Grad![0]);
        Assert.Null(none.Grad);
    }

    [Fact]
    public void Leaves_gradients_below_the_maximum_untouched()
    {
        var a = WithGrad([3, 4]);
        Assert.Equal(5f, GradClip.ClipByGlobalNorm([a], 10f));
        Assert.Equal([3f, 4f], a.Grad!.ToArray());
    }

    [Fact]
    public void Reports_a_non_finite_norm_without_touching_gradients()
    {
        var a = WithGrad([float.NaN, 1]);
        Assert.True(float.IsNaN(GradClip.ClipByGlobalNorm([a], 1f)));
        Assert.Equal(1f, a.Grad![1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradClip.ClipByGlobalNorm([a], 0f));
    }
}
