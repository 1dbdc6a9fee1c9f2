using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Multi-head self-attention against PyTorch (tests/reference/attention.json) and finite differences.</summary>
public class AttentionTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("attention.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch_outputs_and_all_gradients(string name)
    {
        var c = ReferenceData.Case("attention.json", name);
        var x = c.Get("x", requiresGrad: true);
        var wIn = c.Get("in_proj_weight", requiresGrad: true);
        var bIn = c.Get("in_proj_bias", requiresGrad: true);
        var wOut = c.Get("out_proj_weight", requiresGrad: true);
        var bOut = c.Get("out_proj_bias", requiresGrad: true);
        var mask = c.Params.TryGetProperty("key_padding_mask", out _) ? c.IntArrayParam("key_padding_mask").Select(v => v != 0).ToArray() : null;

        var y = Ops.MultiHeadSelfAttention(x, wIn, bIn, wOut, bOut, (int)c.Param("heads"), mask);
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
        TensorAssert.Close(c.Get("grad_in_proj_weight"), wIn.Grad, "grad_in_proj_weight");
        TensorAssert.Close(c.Get("grad_in_proj_bias"), bIn.Grad, "grad_in_proj_bias");
        TensorAssert.Close(c.Get("grad_out_proj_weight"), wOut.Grad, "grad_out_proj_weight");
        TensorAssert.Close(c.Get("grad_out_proj_bias"), bOut.Grad, "grad_out_proj_bias");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Matches_finite_differences(bool masked)
    {
        const int b = 2, t = 3, d = 4;
        bool[]? mask = masked ? [false, true, false, true, false, false] : null;
        Tensor[] inputs =
        [
            GradCheck.RandomInput(11, -1, 1, b, t, d),
            GradCheck.RandomInput(12, -1, 1, 3 * d, d),
            GradCheck.RandomInput(13, -1, 1, 3 * d),
            GradCheck.RandomInput(14, -1, 1, d, d),
            GradCheck.RandomInput(15, -1, 1, d),
        ];
        GradCheck.Check(p => Ops.MultiHeadSelfAttention(p[0], p[1], p[2], p[3], p[4], heads: 2, mask), inputs);
    }

    [Fact]
    public void Queries_with_every_key_masked_give_the_output_bias_and_finite_gradients()
    {
        const int t = 3, d = 4;
        var x = GradCheck.RandomInput(21, -1, 1, 2, t, d);
        var wIn = GradCheck.RandomInput(22, -1, 1, 3 * d, d);
        var wOut = GradCheck.RandomInput(23, -1, 1, d, d);
        var bOut = GradCheck.RandomInput(24, -1, 1, d);
        bool[] mask = [true, true, true, false, false, true];

        var y = Ops.MultiHeadSelfAttention(x, wIn, null, wOut, bOut, heads: 2, mask);
        for (var i = 0; i < t * d; i++) Assert.Equal(bOut.Span[i % d], y.Span[i]);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));

        // The unmasked batch element is unaffected by the other one's mask.
        var alone = Ops.MultiHeadSelfAttention(Tensor.FromArray(x.Span[(t * d)..], 1, t, d), wIn, null, wOut, bOut, 2, [false, false, true]);
        TensorAssert.Close(alone.Span, y.Span[(t * d)..], "second batch element");

        y.Backward(Tensor.Ones(2, t, d));
        foreach (var p in new[] { x, wIn, wOut, bOut })
            Assert.All(p.Grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.All(x.Grad!.ToArray()[..(t * d)], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Long_sequence_matches_a_double_precision_loop_and_a_directional_derivative()
    {
        // T = 130 gives enough softmax rows for the row kernels to split across threads.
        const int b = 2, t = 130, d = 8, heads = 4;
        var mask = new bool[b * t];
        for (var j = 100; j < t; j++) mask[t + j] = true;
        Tensor[] p =
        [
            GradCheck.RandomInput(41, -1, 1, b, t, d), GradCheck.RandomInput(42, -1, 1, 3 * d, d),
            GradCheck.RandomInput(43, -1, 1, 3 * d), GradCheck.RandomInput(44, -1, 1, d, d), GradCheck.RandomInput(45, -1, 1, d),
        ];
        var y = Ops.MultiHeadSelfAttention(p[0], p[1], p[2], p[3], p[4], heads, mask);
        TensorAssert.Close(NaiveAttention(p, heads, mask), y.Span, "out");

        // d/de L(params + e * v) at e = 0 equals sum over params of <grad, v>, for L = sum(out * g).
        var g = Tensor.Randn(new Rng(46), b, t, d);
        y.Backward(g);
        var directions = p.Select((q, i) => Tensor.Randn(new Rng(50 + (ulong)i), q.Shape.ToArray())).ToArray();
        double analytic = 0;
        for (var i = 0; i < p.Length; i++)
            for (var j = 0; j < p[i].Length; j++) analytic += (double)p[i].Grad!.Span[j] * directions[i].Span[j];
        const float h = 1e-2f;
        var numeric = (Contract(p, directions, h, g, heads, mask) - Contract(p, directions, -h, g, heads, mask)) / (2 * h);
        TensorAssert.Close(analytic, numeric, "directional derivative", rel: 1e-2, abs: 1e-2);
    }

    private static double Contract(Tensor[] p, Tensor[] directions, float e, Tensor g, int heads, bool[] mask)
    {
        var q = p.Select((t, i) => new Tensor(t.ToArray().Select((v, j) => v + e * directions[i].Span[j]).ToArray(), t.Shape)).ToArray();
        var y = Ops.MultiHeadSelfAttention(q[0], q[1], q[2], q[3], q[4], heads, mask);
        double s = 0;
        for (var i = 0; i < y.Length; i++) s += (double)y.Span[i] * g.Span[i];
        return s;
    }

    /// <summary>The textbook attention loops in double precision: per head softmax(q k / sqrt(hd)) v, then the output projection.</summary>
    private static float[] NaiveAttention(Tensor[] p, int heads, bool[] mask)
    {
        int b = p[0].Size(0), t = p[0].Size(1), d = p[0].Size(2), hd = d / heads;
        double Proj(int batch, int time, int row) // row of W_in: [q | k | v]
        {
            double s = p[2].Span[row];
            for (var c = 0; c < d; c++) s += (double)p[1].Span[row * d + c] * p[0].Span[(batch * t + time) * d + c];
            return s;
        }
        var y = new float[b * t * d];
        var ctx = new double[d];
        var w = new double[t];
        for (var n = 0; n < b; n++)
            for (var i = 0; i < t; i++)
            {
                for (var h = 0; h < heads; h++)
                {
                    for (var j = 0; j < t; j++)
                    {
                        double s = 0;
                        for (var c = 0; c < hd; c++) s += Proj(n, i, h * hd + c) * Proj(n, j, d + h * hd + c);
                        w[j] = mask[n * t + j] ? double.NegativeInfinity : s / Math.Sqrt(hd);
                    }
                    var max = w.Max();
                    var sum = w.Sum(v => Math.Exp(v - max));
                    for (var c = 0; c < hd; c++)
                    {
                        ctx[h * hd + c] = 0;
                        for (var j = 0; j < t; j++) ctx[h * hd + c] += Math.Exp(w[j] - max) / sum * Proj(n, j, 2 * d + h * hd + c);
                    }
                }
                for (var o = 0; o < d; o++)
                {
                    double s = p[4].Span[o];
                    for (var c = 0; c < d; c++) s += (double)p[3].Span[o * d + c] * ctx[c];
                    y[(n * t + i) * d + o] = (float)s;
                }
            }
        return y;
    }

    [Fact]
    public void Null_biases_equal_zero_biases()
    {
        var x = GradCheck.RandomInput(31, -1, 1, 2, 4, 6);
        var wIn = GradCheck.RandomInput(32, -1, 1, 18, 6);
        var wOut = GradCheck.RandomInput(33, -1, 1, 6, 6);
        var withNull = Ops.MultiHeadSelfAttention(x, wIn, null, wOut, null, heads: 3);
        var withZero = Ops.MultiHeadSelfAttention(x, wIn, Tensor.Zeros(18), wOut, Tensor.Zeros(6), heads: 3);
        TensorAssert.Close(withZero, withNull, "out");
    }

    [Fact]
    public void Model_width_not_divisible_by_heads_names_the_shape()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Ops.MultiHeadSelfAttention(Tensor.Zeros(1, 2, 6), Tensor.Zeros(18, 6), null, Tensor.Zeros(6, 6), null, heads: 4));
        Assert.Contains("(1, 2, 6)", ex.Message);
        Assert.Contains("heads = 4", ex.Message);
    }

    [Theory]
    [InlineData(20, 8, 8, 24, "in_proj_weight", "(24, 8)", "(20, 8)")]
    [InlineData(24, 8, 4, 24, "out_proj_weight", "(8, 8)", "(4, 8)")]
    [InlineData(24, 8, 8, 23, "in_proj_bias", "(24)", "(23)")]
    public void Weight_shape_mismatch_names_expected_and_actual_shapes(int inRows, int inCols, int outRows, int inBias,
        string what, string expected, string actual)
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MultiHeadSelfAttention(Tensor.Zeros(2, 5, 8),
            Tensor.Zeros(inRows, inCols), Tensor.Zeros(inBias), Tensor.Zeros(outRows, 8), Tensor.Zeros(8), heads: 2));
        Assert.Contains(what, ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.Contains(actual, ex.Message);
        Assert.Contains("(2, 5, 8)", ex.Message);
    }

    [Fact]
    public void Padding_mask_of_wrong_length_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MultiHeadSelfAttention(Tensor.Zeros(2, 5, 8),
            Tensor.Zeros(24, 8), null, Tensor.Zeros(8, 8), null, heads: 2, new bool[5]));
        Assert.Contains("B*T = 10", ex.Message);
    }
}
