using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    private const float GeluCubic = 0.044715f;
    private const double InvSqrt2 = 0.70710678118654752, InvSqrt2Pi = 0.39894228040143268;
    private static readonly float s_sqrtTwoOverPi = MathF.Sqrt(2f / MathF.PI);

    /// <summary>max(x, 0); the gradient at 0 is 0, as in PyTorch.</summary>
    public static Tensor Relu(Tensor x) => Pointwise(x, "relu",
        (xs, y, _) => TensorPrimitives.Max(xs, 0f, y),
        (xs, _, d, _) => Masks.Step(xs, 0f, 0f, 1f, d));

    /// <summary>x for x &gt; 0, otherwise <paramref name="slope"/> * x.</summary>
    public static Tensor LeakyRelu(Tensor x, float slope = 0.01f) => Pointwise(x, "leaky_relu",
        (xs, y, _) =>
        {
            Masks.Step(xs, 0f, slope, 1f, y);
            TensorPrimitives.Multiply(y, xs, y);
        },
        (xs, _, d, _) => Masks.Step(xs, 0f, slope, 1f, d));

    /// <summary>Hyperbolic tangent; dy/dx = 1 - y^2.</summary>
    public static Tensor Tanh(Tensor x) => Pointwise(x, "tanh",
        (xs, y, _) => TensorPrimitives.Tanh(xs, y),
        (_, y, d, _) =>
        {
            TensorPrimitives.Multiply(y, y, d);
            TensorPrimitives.Subtract(1f, d, d);
        });

    /// <summary>1 / (1 + e^-x); dy/dx = y (1 - y).</summary>
    public static Tensor Sigmoid(Tensor x) => Pointwise(x, "sigmoid",
        (xs, y, _) => TensorPrimitives.Sigmoid(xs, y),
        (_, y, d, _) =>
        {
            TensorPrimitives.Subtract(1f, y, d);
            TensorPrimitives.Multiply(d, y, d);
        });

    /// <summary>x * sigmoid(x) (swish); dy/dx = s (1 + x (1 - s)) with s = sigmoid(x).</summary>
    public static Tensor Silu(Tensor x) => Pointwise(x, "silu",
        (xs, y, _) =>
        {
            TensorPrimitives.Sigmoid(xs, y);
            TensorPrimitives.Multiply(y, xs, y);
        },
        (xs, _, d, scratch) =>
        {
            var s = scratch[..xs.Length];
            TensorPrimitives.Sigmoid(xs, s);
            TensorPrimitives.Subtract(1f, s, d);
            TensorPrimitives.MultiplyAdd(d, xs, 1f, d);
            TensorPrimitives.Multiply(d, s, d);
        });

    /// <summary>The Gaussian error linear unit x * Phi(x), exact (erf) or with the tanh approximation.</summary>
    public static Tensor Gelu(Tensor x, GeluApproximation approximation = GeluApproximation.None) =>
        approximation == GeluApproximation.Tanh
            ? Pointwise(x, "gelu_tanh", GeluTanhForward, GeluTanhDerivative)
            : Pointwise(x, "gelu", GeluErfForward, GeluErfDerivative);

    // y = x Phi(x), Phi(x) = erfc(-x / sqrt 2) / 2 (erfc keeps relative accuracy in the negative tail).
    private static void GeluErfForward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch)
    {
        for (var i = 0; i < x.Length; i++)
            y[i] = (float)(x[i] * 0.5 * SpecialFunctions.Erfc(-x[i] * InvSqrt2));
    }

    // dy/dx = Phi(x) + x phi(x), phi(x) = exp(-x^2 / 2) / sqrt(2 pi).
    private static void GeluErfDerivative(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d, Span<float> scratch)
    {
        for (var i = 0; i < x.Length; i++)
        {
            double v = x[i];
            d[i] = (float)(0.5 * SpecialFunctions.Erfc(-v * InvSqrt2) + v * Math.Exp(-0.5 * v * v) * InvSqrt2Pi);
        }
    }

    // y = x/2 (1 + t), t = tanh(u), u = c x (1 + a x^2).
    private static void GeluTanhForward(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch)
    {
        var t = scratch[..x.Length];
        GeluTanhInner(x, t);
        TensorPrimitives.Add(t, 1f, y);
        TensorPrimitives.Multiply(y, x, y);
        TensorPrimitives.Multiply(y, 0.5f, y);
    }

    // dy/dx = (1 + t)/2 + x/2 (1 - t^2) c (1 + 3a x^2) = (1 + t)/2 * (1 + x k (1 - t)), k = c (1 + 3a x^2).
    private static void GeluTanhDerivative(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d, Span<float> scratch)
    {
        Span<float> t = scratch[..x.Length], xk = scratch.Slice(Blocks.Size, x.Length);
        GeluTanhInner(x, t);
        TensorPrimitives.Multiply(x, x, xk);
        TensorPrimitives.Multiply(xk, 3f * GeluCubic, xk);
        TensorPrimitives.Add(xk, 1f, xk);
        TensorPrimitives.Multiply(xk, x, xk);
        TensorPrimitives.Multiply(xk, s_sqrtTwoOverPi, xk);
        TensorPrimitives.Subtract(1f, t, d);
        TensorPrimitives.MultiplyAdd(d, xk, 1f, d);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Multiply(d, t, d);
        TensorPrimitives.Multiply(d, 0.5f, d);
    }

    // t = tanh(c x (1 + a x^2)).
    private static void GeluTanhInner(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Multiply(x, x, t);
        TensorPrimitives.Multiply(t, GeluCubic, t);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Multiply(t, x, t);
        TensorPrimitives.Multiply(t, s_sqrtTwoOverPi, t);
        TensorPrimitives.Tanh(t, t);
    }
}
