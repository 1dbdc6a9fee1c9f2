using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Conv2d against PyTorch (tests/reference/conv2d.json) and finite differences.</summary>
public class ConvTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("conv2d.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conv2d_matches_pytorch(string name)
    {
        var c = ReferenceData.Case("conv2d.json", name);
        var x = c.Get("x", requiresGrad: true);
        var w = c.Get("w", requiresGrad: true);
        var b = c.Has("b") ? c.Get("b", requiresGrad: true) : null;
        var y = Ops.Conv2d(x, w, b, (int)c.Param("stride"), (int)c.Param("padding"));
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
        TensorAssert.Close(c.Get("grad_w"), w.Grad, "grad_w");
        if (b is not null) TensorAssert.Close(c.Get("grad_b"), b.Grad, "grad_b");
    }

    [Theory]
    [InlineData(new[] { 2, 3, 7, 5 }, new[] { 4, 3, 3, 3 }, 2, 1, true)]
    [InlineData(new[] { 1, 2, 6, 7 }, new[] { 3, 2, 2, 3 }, 3, 0, false)]
    [InlineData(new[] { 2, 3, 4, 5 }, new[] { 4, 3, 1, 1 }, 1, 0, true)]
    [InlineData(new[] { 1, 1, 5, 5 }, new[] { 2, 1, 5, 5 }, 1, 2, false)]
    [InlineData(new[] { 2, 2, 5, 6 }, new[] { 2, 2, 3, 3 }, 1, 1, true)]
    public void Conv2d_matches_finite_differences(int[] xShape, int[] wShape, int stride, int padding, bool withBias)
    {
        var x = GradCheck.RandomInput(11, -1, 1, xShape);
        var w = GradCheck.RandomInput(12, -1, 1, wShape);
        var b = GradCheck.RandomInput(13, -1, 1, wShape[0]);
        if (withBias) GradCheck.Check(t => Ops.Conv2d(t[0], t[1], t[2], stride, padding), [x, w, b]);
        else GradCheck.Check(t => Ops.Conv2d(t[0], t[1], null, stride, padding), [x, w]);
    }

    [Theory]
    [InlineData(new[] { 3, 2, 6, 5 }, new[] { 4, 2, 3, 2 }, 2, 1)]
    [InlineData(new[] { 3, 1, 28, 28 }, new[] { 32, 1, 3, 3 }, 1, 1)] // the bench model's first layer (direct path)
    [InlineData(new[] { 2, 3, 17, 21 }, new[] { 5, 3, 3, 3 }, 1, 2)]  // direct path, RGB, ragged last vector
    [InlineData(new[] { 2, 8, 9, 9 }, new[] { 6, 8, 3, 3 }, 2, 1)]    // channel-last im2row, stride 2
    public void Conv2d_agrees_with_a_direct_loop(int[] xShape, int[] wShape, int s, int p)
    {
        var rng = new Rng(21);
        var x = Tensor.Randn(rng, xShape);
        var w = Tensor.Randn(rng, wShape);
        var b = Tensor.Randn(rng, wShape[0]);
        var y = Ops.Conv2d(x, w, b, s, p);
        int n = xShape[0], c = xShape[1], h = xShape[2], wd = xShape[3], o = wShape[0], kh = wShape[2], kw = wShape[3];
        int outH = (h + 2 * p - kh) / s + 1, outW = (wd + 2 * p - kw) / s + 1;
        Assert.Equal([n, o, outH, outW], y.Shape.ToArray());
        for (var i = 0; i < n; i++)
            for (var f = 0; f < o; f++)
                for (var oh = 0; oh < outH; oh++)
                    for (var ow = 0; ow < outW; ow++)
                    {
                        double sum = b[f];
                        for (var ch = 0; ch < c; ch++)
                            for (var ki = 0; ki < kh; ki++)
                                for (var kj = 0; kj < kw; kj++)
                                {
                                    int ih = oh * s - p + ki, iw = ow * s - p + kj;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) sum += x[i, ch, ih, iw] * w[f, ch, ki, kj];
                                }
                        TensorAssert.Close(sum, y[i, f, oh, ow], $"y[{i},{f},{oh},{ow}]");
                    }
    }

    [Theory]
    [InlineData(new[] { 2, 1, 4, 17 }, new[] { 3, 1, 3, 3 }, 1)]
    [InlineData(new[] { 1, 2, 3, 18 }, new[] { 2, 2, 2, 3 }, 0)]
    public void Direct_convolution_gradients_match_finite_differences(int[] xShape, int[] wShape, int padding)
    {
        var x = GradCheck.RandomInput(14, -1, 1, xShape);
        var w = GradCheck.RandomInput(15, -1, 1, wShape);
        GradCheck.Check(t => Ops.Conv2d(t[0], t[1], null, 1, padding), [x, w]);
    }

    [Fact]
    public void Conv2d_over_several_column_chunks_equals_image_by_image()
    {
        // 16 channels x 3x3 taps x 32x32 positions is more than half a column chunk, so each image is its own chunk.
        var rng = new Rng(22);
        var x = Tensor.Randn(rng, 3, 16, 32, 32);
        var w = Tensor.Randn(rng, 2, 16, 3, 3);
        var up = Tensor.Randn(rng, 3, 2, 32, 32);
        x.RequiresGrad = w.RequiresGrad = true;
        var y = Ops.Conv2d(x, w, null, 1, 1);
        y.Backward(up);
        var gradW = new float[w.Length];
        for (var i = 0; i < 3; i++)
        {
            var xi = Tensor.Parameter(x.Span.Slice(i * 16 * 1024, 16 * 1024), 1, 16, 32, 32);
            var wi = Tensor.Parameter(w.Span, 2, 16, 3, 3);
            var yi = Ops.Conv2d(xi, wi, null, 1, 1);
            TensorAssert.Close(yi.Span, y.Span.Slice(i * 2 * 1024, 2 * 1024), $"image {i} output");
            yi.Backward(Tensor.FromArray(up.Span.Slice(i * 2 * 1024, 2 * 1024), 1, 2, 32, 32));
            TensorAssert.Close(xi.Grad!.Span, x.Grad!.Span.Slice(i * 16 * 1024, 16 * 1024), $"image {i} grad_x");
            for (var j = 0; j < gradW.Length; j++) gradW[j] += wi.Grad!.Span[j];
        }
        TensorAssert.Close(gradW, w.Grad!.Span, "grad_w summed over chunks", 1e-4, 1e-4);
    }

    [Fact]
    public void Conv2d_gives_the_same_result_on_one_thread_and_on_several()
    {
        // 32 channels stride 2 as in the bench model, 5 images split unevenly over threads.
        var rng = new Rng(23);
        var up = Tensor.Randn(rng, 5, 8, 5, 5);
        (Tensor Y, Tensor Gx, Tensor Gw) Run(int threads)
        {
            var saved = Engine.Threads;
            Engine.Threads = threads;
            try
            {
                var r = new Rng(24);
                var x = Tensor.Randn(r, 5, 32, 9, 9);
                var w = Tensor.Randn(r, 8, 32, 3, 3);
                x.RequiresGrad = w.RequiresGrad = true;
                var y = Ops.Conv2d(x, w, null, 2, 1);
                y.Backward(up);
                return (y, x.Grad!, w.Grad!);
            }
            finally
            {
                Engine.Threads = saved;
            }
        }
        var (y1, gx1, gw1) = Run(1);
        var (y3, gx3, gw3) = Run(3);
        TensorAssert.Close(y1, y3, "out");
        TensorAssert.Close(gx1, gx3, "grad_x");
        TensorAssert.Close(gw1, gw3, "grad_w");
    }

    [Fact]
    public void Conv2d_gradients_accumulate_over_two_backward_passes()
    {
        var x = GradCheck.RandomInput(1, -1, 1, 2, 2, 4, 4);
        var w = GradCheck.RandomInput(2, -1, 1, 3, 2, 3, 3);
        Ops.Sum(Ops.Conv2d(x, w, null, 1, 1)).Backward();
        var once = w.Grad!.ToArray();
        Ops.Sum(Ops.Conv2d(x, w, null, 1, 1)).Backward();
        TensorAssert.Close(once.Select(v => 2 * v).ToArray(), w.Grad!.Span, "grad_w after two passes");
    }

    [Fact]
    public void Conv2d_wrong_channel_count_names_both_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Conv2d(Tensor.Zeros(2, 3, 8, 8), Tensor.Zeros(4, 5, 3, 3)));
        Assert.Contains("(2, 3, 8, 8)", ex.Message);
        Assert.Contains("(4, 5, 3, 3)", ex.Message);
    }

    [Fact]
    public void Conv2d_rejects_bad_rank_bias_and_kernel()
    {
        Assert.Contains("(2, 3, 8)", Assert.Throws<ArgumentException>(() => Ops.Conv2d(Tensor.Zeros(2, 3, 8), Tensor.Zeros(4, 3, 3, 3))).Message);
        Assert.Contains("(5)", Assert.Throws<ArgumentException>(() => Ops.Conv2d(Tensor.Zeros(1, 3, 8, 8), Tensor.Zeros(4, 3, 3, 3), Tensor.Zeros(5))).Message);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => Ops.Conv2d(Tensor.Zeros(1, 3, 2, 2), Tensor.Zeros(4, 3, 3, 3))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Conv2d(Tensor.Zeros(1, 3, 8, 8), Tensor.Zeros(4, 3, 3, 3), null, 0));
    }
}
