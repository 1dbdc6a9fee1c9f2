using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Batch and layer normalisation against PyTorch (batchnorm.json, layernorm.json) and finite differences.</summary>
public class NormTests
{
    public static TheoryDataNames BatchNormCases => ReferenceData.Names("batchnorm.json");

    public static TheoryDataNames LayerNormCases => ReferenceData.Names("layernorm.json");

    [Theory]
    [MemberData(nameof(BatchNormCases))]
    public void BatchNorm_matches_pytorch(string name)
    {
        var c = ReferenceData.Case("batchnorm.json", name);
        var x = c.Get("x", requiresGrad: true);
        var gamma = c.Get("gamma", requiresGrad: true);
        var beta = c.Get("beta", requiresGrad: true);
        var training = c.Has("running_mean_before");
        var runningMean = c.Get(training ? "running_mean_before" : "running_mean");
        var runningVar = c.Get(training ? "running_var_before" : "running_var");
        var y = Ops.BatchNorm(x, gamma, beta, runningMean, runningVar, training, (float)c.Param("momentum", 0.1), (float)c.Param("eps"));
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
        TensorAssert.Close(c.Get("grad_gamma"), gamma.Grad, "grad_gamma");
        TensorAssert.Close(c.Get("grad_beta"), beta.Grad, "grad_beta");
        if (training)
        {
            TensorAssert.Close(c.Get("running_mean_after"), runningMean, "running_mean_after");
            TensorAssert.Close(c.Get("running_var_after"), runningVar, "running_var_after");
        }
        else
        {
            TensorAssert.Close(c.Get("running_mean"), runningMean, "running_mean unchanged in eval");
            TensorAssert.Close(c.Get("running_var"), runningVar, "running_var unchanged in eval");
        }
    }

    [Theory]
    [InlineData(new[] { 5, 3 }, true)]
    [InlineData(new[] { 3, 2, 4, 3 }, true)]
    [InlineData(new[] { 2, 3, 5 }, true)]
    [InlineData(new[] { 3, 2, 4, 3 }, false)]
    public void BatchNorm_matches_finite_differences(int[] shape, bool training)
    {
        var x = GradCheck.RandomInput(31, -1, 1, shape);
        var gamma = GradCheck.RandomInput(32, 0.5f, 1.5f, shape[1]);
        var beta = GradCheck.RandomInput(33, -0.5f, 0.5f, shape[1]);
        Tensor? mean = training ? null : Tensor.Uniform(new Rng(34), -0.5f, 0.5f, shape[1]);
        Tensor? variance = training ? null : Tensor.Uniform(new Rng(35), 0.5f, 2f, shape[1]);
        GradCheck.Check(t => Ops.BatchNorm(t[0], t[1], t[2], mean, variance, training), [x, gamma, beta]);
    }

    [Fact]
    public void BatchNorm_statistics_survive_a_large_offset()
    {
        // mean 1000, std about 0.03: E[x^2] - E[x]^2 without a shift would lose the variance entirely in float32.
        // The float32 mean itself is only good to half an ulp of 1000 (3e-5, 1e-3 of a std): hence the tolerance.
        var rng = new Rng(41);
        var x = Tensor.Uniform(rng, 999.95f, 1000.05f, 64, 2);
        var y = Ops.BatchNorm(x, Tensor.Ones(2), Tensor.Zeros(2), null, null, training: true);
        for (var c = 0; c < 2; c++)
        {
            var col = Enumerable.Range(0, 64).Select(i => (double)x[i, c]).ToArray();
            double mean = col.Average(), std = Math.Sqrt(col.Select(v => (v - mean) * (v - mean)).Average() + 1e-5);
            for (var i = 0; i < 64; i++) TensorAssert.Close((col[i] - mean) / std, y[i, c], $"y[{i},{c}]", 1e-3, 2e-3);
        }
    }

    [Fact]
    public void BatchNorm_rejects_bad_input()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.BatchNorm(Tensor.Zeros(4, 3), Tensor.Ones(5), Tensor.Zeros(3), null, null, true));
        Assert.Contains("(5)", ex.Message);
        Assert.Contains("(4, 3)", ex.Message);
        Assert.Contains("more than one value", Assert.Throws<ArgumentException>(() => Ops.BatchNorm(Tensor.Zeros(1, 3), Tensor.Ones(3), Tensor.Zeros(3), null, null, true)).Message);
        Assert.Contains("eval", Assert.Throws<ArgumentException>(() => Ops.BatchNorm(Tensor.Zeros(4, 3), Tensor.Ones(3), Tensor.Zeros(3), null, null, false)).Message);
    }

    [Theory]
    [MemberData(nameof(LayerNormCases))]
    public void LayerNorm_matches_pytorch(string name)
    {
        var c = ReferenceData.Case("layernorm.json", name);
        var x = c.Get("x", requiresGrad: true);
        var gamma = c.Get("gamma", requiresGrad: true);
        var beta = c.Get("beta", requiresGrad: true);
        var y = Ops.LayerNorm(x, gamma, beta, (float)c.Param("eps"));
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
        TensorAssert.Close(c.Get("grad_gamma"), gamma.Grad, "grad_gamma");
        TensorAssert.Close(c.Get("grad_beta"), beta.Grad, "grad_beta");
    }

    [Theory]
    [InlineData(new[] { 4, 7 })]
    [InlineData(new[] { 2, 3, 5 })]
    public void LayerNorm_matches_finite_differences(int[] shape)
    {
        var x = GradCheck.RandomInput(51, -1, 1, shape);
        var gamma = GradCheck.RandomInput(52, 0.5f, 1.5f, shape[^1]);
        var beta = GradCheck.RandomInput(53, -0.5f, 0.5f, shape[^1]);
        GradCheck.Check(t => Ops.LayerNorm(t[0], t[1], t[2]), [x, gamma, beta]);
    }

    [Fact]
    public void LayerNorm_rejects_a_gamma_of_the_wrong_size()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.LayerNorm(Tensor.Zeros(2, 4), Tensor.Ones(3), Tensor.Zeros(4)));
        Assert.Contains("(3)", ex.Message);
        Assert.Contains("(2, 4)", ex.Message);
    }
}
