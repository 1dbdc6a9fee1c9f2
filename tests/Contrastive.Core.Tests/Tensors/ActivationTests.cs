using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Activations, softmax family and L2 normalisation against PyTorch (activation.json) and finite differences.</summary>
public class ActivationTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("activation.json");

    private static Tensor Apply(string name, Tensor x) => name switch
    {
        "relu" => Ops.Relu(x),
        "gelu_erf" => Ops.Gelu(x),
        "gelu_tanh" => Ops.Gelu(x, GeluApproximation.Tanh),
        "tanh" => Ops.Tanh(x),
        "sigmoid" => Ops.Sigmoid(x),
        "silu" => Ops.Silu(x),
        "leaky_relu_0.01" => Ops.LeakyRelu(x),
        "softmax_dim1" => Ops.Softmax(x, 1),
        "log_softmax_dim1" => Ops.LogSoftmax(x, 1),
        "l2_normalize_dim1" => Ops.L2Normalize(x, 1),
        _ => throw new ArgumentException($"activation.json case '{name}' has no mapping in this test"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name)
    {
        var c = ReferenceData.Case("activation.json", name);
        var x = c.Get("x", requiresGrad: true);
        var y = Apply(name, x);
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
    }

    public static TheoryData<string> Elementwise => new() { "gelu_erf", "gelu_tanh", "tanh", "sigmoid", "silu" };

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void Smooth_activations_match_finite_differences(string name)
    {
        var x = GradCheck.RandomInput(11, -4f, 4f, 3, 5);
        GradCheck.Check(t => Apply(name, t[0]), [x]);
    }

    [Fact]
    public void Relu_and_leaky_relu_match_finite_differences_away_from_the_kink()
    {
        var x = AwayFromZero(GradCheck.RandomInput(12, -2f, 2f, 4, 6));
        GradCheck.Check(t => Ops.Relu(t[0]), [x]);
        GradCheck.Check(t => Ops.LeakyRelu(t[0], 0.2f), [x]);
    }

    [Fact]
    public void Relu_gradient_at_zero_is_zero_and_leaky_relu_uses_the_slope()
    {
        var x = Tensor.Parameter([0f, -1f, 2f], 3);
        Ops.Sum(Ops.Relu(x)).Backward();
        Assert.Equal([0f, 0f, 1f], x.Grad!.ToArray());
        x.ZeroGrad();
        var y = Ops.LeakyRelu(x, 0.1f);
        Assert.Equal([0f, -0.1f, 2f], y.ToArray());
        Ops.Sum(y).Backward();
        Assert.Equal([0.1f, 0.1f, 1f], x.Grad!.ToArray());
    }

    [Fact]
    public void Large_tensors_take_the_parallel_path_and_agree_with_small_blocks()
    {
        // 3 * 2^15 + 7 elements: several chunks and a ragged last block.
        var x = GradCheck.RandomInput(13, -3f, 3f, 3 * (1 << 15) + 7);
        var y = Ops.Gelu(x, GeluApproximation.Tanh);
        y.Backward(Tensor.Ones(x.Length));
        for (var i = 0; i < x.Length; i += 4099)
        {
            var single = Tensor.Parameter([x.Span[i]], 1);
            var ys = Ops.Gelu(single, GeluApproximation.Tanh);
            Ops.Sum(ys).Backward();
            TensorAssert.Close(ys.Item(), y.Span[i], $"gelu at {i}", rel: 1e-6, abs: 1e-7);
            TensorAssert.Close(single.Grad!.Item(), x.Grad!.Span[i], $"gelu gradient at {i}", rel: 1e-6, abs: 1e-6);
        }
    }

    [Fact]
    public void Erf_is_accurate_to_about_1e7_relative()
    {
        // (x, erf(x), erfc(x)) from Python's math.erf / math.erfc.
        (double X, double Erf, double Erfc)[] known =
        [
            (-3, -0.9999779095030014, 1.9999779095030015), (-1.5, -0.9661051464753108, 1.9661051464753108),
            (-0.7, -0.6778011938374184, 1.6778011938374184), (-0.2, -0.22270258921047847, 1.2227025892104786),
            (1e-3, 0.0011283787909692365, 0.9988716212090307), (0.3, 0.3286267594591274, 0.6713732405408726),
            (0.49, 0.511668261188523, 0.4883317388114769), (0.51, 0.5292436198411704, 0.4707563801588296),
            (1, 0.8427007929497149, 0.15729920705028513), (2, 0.9953222650189527, 0.004677734981047265),
            (3.5, 0.9999992569016276, 7.430983723414128e-07),
        ];
        foreach (var (x, erf, erfc) in known)
        {
            Assert.True(Math.Abs(SpecialFunctions.Erf(x) - erf) <= 2e-7 * Math.Abs(erf), $"erf({x}) = {SpecialFunctions.Erf(x):G17}, expected {erf:G17}");
            Assert.True(Math.Abs(SpecialFunctions.Erfc(x) - erfc) <= 2e-7 * Math.Abs(erfc), $"erfc({x}) = {SpecialFunctions.Erfc(x):G17}, expected {erfc:G17}");
        }
        Assert.Equal(0.0, SpecialFunctions.Erf(0));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));
    }

    [Fact]
    public void Gelu_keeps_relative_accuracy_in_the_negative_tail()
    {
        // gelu(-5) = -5 * Phi(-5) = -1.4332990e-6 (Phi(-5) = 2.866516e-7).
        var y = Ops.Gelu(Tensor.FromArray([-5f], 1)).Item();
        TensorAssert.Close(-5 * 2.866515718791939e-7, y, "gelu(-5)", rel: 1e-5, abs: 0);
    }

    [Fact]
    public void Mask_kernels_match_their_scalar_definition_at_every_length()
    {
        var rng = new Rng(5);
        for (var n = 0; n <= 70; n++)
        {
            var x = new float[n];
            for (var i = 0; i < n; i++) x[i] = rng.NextInt(5) - 2f; // includes exact zeros and bounds
            float[] step = new float[n], range = new float[n], sign = new float[n];
            Masks.Step(x, 0f, 0.5f, 2f, step);
            Masks.InRange(x, -1f, 1f, range);
            Masks.Sign(x, sign);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(x[i] > 0 ? 2f : 0.5f, step[i]);
                Assert.Equal(x[i] >= -1 && x[i] <= 1 ? 1f : 0f, range[i]);
                Assert.Equal(x[i] > 0 ? 1f : x[i] < 0 ? -1f : 0f, sign[i]);
            }
        }
    }

    /// <summary>Pushes values within 0.1 of zero away from it, so finite differences do not straddle the kink.</summary>
    internal static Tensor AwayFromZero(Tensor x)
    {
        var s = x.Span;
        for (var i = 0; i < s.Length; i++) if (MathF.Abs(s[i]) < 0.1f) s[i] = s[i] < 0 ? -0.3f : 0.3f;
        return x;
    }
}
