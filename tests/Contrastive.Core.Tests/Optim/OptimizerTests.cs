using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Core.Tests.Optim;

/// <summary>Parameter groups, skipped parameters, LARS's 1-d exclusion and argument checks.</summary>
public class OptimizerTests
{
    [Fact]
    public void Each_group_uses_its_own_learning_rate_and_decay()
    {
        var a = Tensor.Parameter([1, 1], 2);
        var b = Tensor.Parameter([1, 1], 2);
        var opt = new Sgd([new ParameterGroup([a], lr: 0.5f, weightDecay: 0.1f), new ParameterGroup([b], lr: 0.25f)]);
        a.Grad = Tensor.Ones(2);
        b.Grad = Tensor.Ones(2);
        opt.Step();
        Assert.Equal(1f - 0.5f * (1f + 0.1f), a[0], 6);
        Assert.Equal(0.75f, b[0]);
        opt.Groups[1].Lr = 0.5f;
        opt.Step();
        Assert.Equal(0.25f, b[0]);
    }

    [Fact]
    public void Parameters_without_gradient_are_skipped_and_keep_no_state()
    {
        var a = Tensor.Parameter([1, 2], 2);
        var b = Tensor.Parameter([3, 4], 2);
        var opt = new Adam([a, b], lr: 0.1f);
        a.Grad = Tensor.Ones(2);
        opt.Step();
        Assert.Equal([3f, 4f], b.ToArray());
        Assert.NotEqual([1f, 2f], a.ToArray());
        Assert.All(opt.GetState().Keys, k => Assert.StartsWith("0.", k));
        opt.ZeroGrad();
        Assert.Null(a.Grad);
    }

    [Fact]
    public void Lars_does_not_decay_or_scale_one_dimensional_parameters()
    {
        var bias = Tensor.Parameter([1, 2, 3], 3);
        var opt = new Lars([bias], lr: 0.1f, momentum: 0.9f, weightDecay: 0.5f);
        bias.Grad = Tensor.FromArray([1, 1, 1], 3);
        opt.Step();
        Assert.Equal([0.9f, 1.9f, 2.9f], bias.ToArray());
        opt.Step(); // v = 0.9 * 0.1 + 0.1 = 0.19
        Assert.Equal(0.9f - 0.19f, bias[0], 6);
    }

    [Fact]
    public void Lars_scales_weights_by_the_trust_ratio()
    {
        // w = (3, 4) as (1, 2): |w| = 5; g = (0, 1), wd = 0: |d| = 1, trust = eta * 5.
        var w = Tensor.Parameter([3, 4], 1, 2);
        var opt = new Lars([w], lr: 1f, momentum: 0.9f, weightDecay: 0f, eta: 0.01f);
        w.Grad = Tensor.FromArray([0, 1], 1, 2);
        opt.Step();
        Assert.Equal(3f, w[0, 0]);
        Assert.Equal(4f - 0.05f, w[0, 1], 6);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_a_reason()
    {
        var p = Tensor.Parameter([1], 1);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => new Sgd([p, p], 0.1f)).Message);
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => new Sgd([p], 0.1f, nesterov: true)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], 0.1f, momentum: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], beta1: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([p], eps: 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lars([p], 0.1f, eta: 0f));
        Assert.Throws<ArgumentException>(() => new Sgd(Array.Empty<ParameterGroup>()));
    }

    [Fact]
    public void Adam_handles_lengths_around_the_vector_width()
    {
        // The fused kernel pads the tail; every length must give the scalar formula's result.
        for (var n = 0; n <= 40; n++)
        {
            var w = Tensor.Parameter(Enumerable.Range(0, n).Select(i => 0.1f * i - 1f).ToArray(), n);
            var opt = new AdamW([w], lr: 0.01f, weightDecay: 0.1f);
            var grad = Enumerable.Range(0, n).Select(i => MathF.Sin(i)).ToArray();
            w.Grad = Tensor.FromArray(grad, n);
            opt.Step();
            for (var i = 0; i < n; i++)
            {
                // Step 1: m = 0.1 g, v = 0.001 g^2, corrected m / sqrt(v) = g / |g| (up to eps).
                double w0 = 0.1 * i - 1, g = grad[i];
                var expected = w0 * (1 - 0.01 * 0.1) - 0.01 * (0.1 * g / 0.1) / (Math.Sqrt(0.001 * g * g) / Math.Sqrt(0.001) + 1e-8);
                Assert.Equal(expected, w[i], 5);
            }
        }
    }
}
