using Contrastive.Tensors;
using Xunit.Sdk;

namespace Contrastive.Testing;

/// <summary>
/// Finite-difference gradient checks. The function's output is contracted with a random upstream
/// gradient g, L = sum(f(x) * g), because a plain sum is blind for ops whose outputs sum to a constant
/// (softmax, normalisations). Central differences in float32 with step h: the check compares
/// (L(x+h) - L(x-h)) / 2h against autograd in double precision accumulation.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Checks d L / d input for every input that requires grad. <paramref name="f"/> must be
    /// deterministic (no dropout randomness between calls).
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double h = 1e-2, double rel = 2e-2, double abs = 2e-3, ulong seed = 7)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        var probe = f(inputs);
        var rng = new Rng(seed);
        var upstream = Tensor.Randn(rng, probe.Shape.ToArray());
        foreach (var t in inputs) t.Grad = null;
        f(inputs).Backward(upstream);

        for (var k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            if (!x.RequiresGrad) continue;
            var analytic = x.Grad?.ToArray() ?? new float[x.Length];
            var data = x.Span;
            for (var i = 0; i < x.Length; i++)
            {
                var saved = data[i];
                data[i] = (float)(saved + h);
                var plus = Contract(f, inputs, upstream);
                data[i] = (float)(saved - h);
                var minus = Contract(f, inputs, upstream);
                data[i] = saved;
                var numeric = (plus - minus) / (2 * h);
                if (Math.Abs(numeric - analytic[i]) > abs + rel * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])))
                    throw new XunitException($"gradient of input {k} element {i}: autograd {analytic[i]:G7}, finite difference {numeric:G7}");
            }
        }
    }

    private static double Contract(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor upstream)
    {
        using var _ = Autograd.NoGrad();
        var y = f(inputs).Span;
        var g = upstream.Span;
        double s = 0;
        for (var i = 0; i < y.Length; i++) s += (double)y[i] * g[i];
        return s;
    }

    /// <summary>A parameter of the given shape with values uniform in [low, high), seeded.</summary>
    public static Tensor RandomInput(ulong seed, float low, float high, params int[] shape)
    {
        var t = Tensor.Uniform(new Rng(seed), low, high, shape);
        t.RequiresGrad = true;
        return t;
    }
}
