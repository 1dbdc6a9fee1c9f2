using System.Numerics;

namespace Contrastive.Tensors;

/// <summary>
/// Comparison kernels the activations and clamps need (TensorPrimitives has no compare-and-select):
/// <see cref="Vector{T}"/> loops with a scalar tail that is also the reference they are tested against.
/// </summary>
internal static class Masks
{
    /// <summary>d[i] = x[i] &gt; threshold ? above : below (NaN compares false).</summary>
    public static void Step(ReadOnlySpan<float> x, float threshold, float below, float above, Span<float> d)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> t = new(threshold), a = new(above), b = new(below);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(x[i..]), t), a, b).CopyTo(d[i..]);
        }
        for (; i < x.Length; i++) d[i] = x[i] > threshold ? above : below;
    }

    /// <summary>d[i] = 1 when lo &lt;= x[i] &lt;= hi, else 0 (PyTorch's clamp gradient: the bounds pass).</summary>
    public static void InRange(ReadOnlySpan<float> x, float lo, float hi, Span<float> d)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> l = new(lo), h = new(hi);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(x[i..]);
                var inside = Vector.GreaterThanOrEqual(v, l) & Vector.LessThanOrEqual(v, h);
                Vector.ConditionalSelect(inside, Vector<float>.One, Vector<float>.Zero).CopyTo(d[i..]);
            }
        }
        for (; i < x.Length; i++) d[i] = x[i] >= lo && x[i] <= hi ? 1f : 0f;
    }

    /// <summary>d[i] = sign(x[i]) with sign(0) = 0, the subgradient PyTorch uses for |x|.</summary>
    public static void Sign(ReadOnlySpan<float> x, Span<float> d)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var minusOne = -Vector<float>.One;
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(x[i..]);
                var negative = Vector.ConditionalSelect(Vector.LessThan(v, Vector<float>.Zero), minusOne, Vector<float>.Zero);
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), Vector<float>.One, negative).CopyTo(d[i..]);
            }
        }
        for (; i < x.Length; i++) d[i] = x[i] > 0 ? 1f : x[i] < 0 ? -1f : 0f;
    }
}
