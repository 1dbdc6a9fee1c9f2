using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>x^p elementwise for a constant exponent; dy/dx = p x^(p-1) (zero when p = 0, as in PyTorch).</summary>
    public static Tensor Pow(Tensor x, float exponent) => Pointwise(x, "pow",
        (xs, y, _) =>
        {
            for (var i = 0; i < xs.Length; i++) y[i] = MathF.Pow(xs[i], exponent);
        },
        (xs, _, d, _) =>
        {
            if (exponent == 0f) { d.Clear(); return; }
            for (var i = 0; i < xs.Length; i++) d[i] = exponent * MathF.Pow(xs[i], exponent - 1f);
        });

    /// <summary>x^2; dy/dx = 2x.</summary>
    public static Tensor Square(Tensor x) => Pointwise(x, "square",
        (xs, y, _) => TensorPrimitives.Multiply(xs, xs, y),
        (xs, _, d, _) => TensorPrimitives.Multiply(xs, 2f, d));

    /// <summary>The square root; dy/dx = 1 / (2 y) (infinite at 0, as in PyTorch).</summary>
    public static Tensor Sqrt(Tensor x) => Pointwise(x, "sqrt",
        (xs, y, _) => TensorPrimitives.Sqrt(xs, y),
        (_, y, d, _) =>
        {
            TensorPrimitives.Multiply(y, 2f, d);
            TensorPrimitives.Reciprocal(d, d);
        });

    /// <summary>|x|; the gradient at 0 is 0.</summary>
    public static Tensor Abs(Tensor x) => Pointwise(x, "abs",
        (xs, y, _) => TensorPrimitives.Abs(xs, y),
        (xs, _, d, _) => Masks.Sign(xs, d));

    /// <summary>
    /// min(max(x, min), max). The gradient is 1 where min &lt;= x &lt;= max (bounds included, as in PyTorch)
    /// and 0 outside.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/> or either is NaN.</exception>
    public static Tensor Clamp(Tensor x, float min, float max)
    {
        if (!(min <= max)) throw new ArgumentException($"clamp: min {min} must not exceed max {max}");
        return Pointwise(x, "clamp",
            (xs, y, _) =>
            {
                TensorPrimitives.Max(xs, min, y);
                TensorPrimitives.Min(y, max, y);
            },
            (xs, _, d, _) => Masks.InRange(xs, min, max, d));
    }

    /// <summary>max(x, min): the elementwise maximum with a constant (gradient passes where x &gt;= min).</summary>
    public static Tensor ClampMin(Tensor x, float min) => Clamp(x, min, float.PositiveInfinity);

    /// <summary>min(x, max): the elementwise minimum with a constant (gradient passes where x &lt;= max).</summary>
    public static Tensor ClampMax(Tensor x, float max) => Clamp(x, float.NegativeInfinity, max);
}
