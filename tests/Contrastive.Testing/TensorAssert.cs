using Contrastive.Tensors;
using Xunit;
using Xunit.Sdk;

namespace Contrastive.Testing;

/// <summary>Tolerance comparisons of tensors and arrays, with messages that name the worst element.</summary>
public static class TensorAssert
{
    /// <summary>The tolerance the reference vectors are held to: 1e-4 relative, 1e-5 absolute.</summary>
    public const double RelTol = 1e-4, AbsTol = 1e-5;

    /// <summary>Asserts equal shapes and |actual - expected| &lt;= abs + rel * |expected| everywhere.</summary>
    public static void Close(Tensor expected, Tensor? actual, string what = "", double rel = RelTol, double abs = AbsTol)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.True(actual is not null, $"{what}: tensor is null (no gradient reached it?)");
        Assert.True(expected.Shape.SequenceEqual(actual!.Shape),
            $"{what}: shape {Shapes.Format(actual.Shape)} but expected {Shapes.Format(expected.Shape)}");
        Close(expected.Span, actual.Span, what, rel, abs);
    }

    /// <summary>Asserts two spans agree within tolerance.</summary>
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what = "", double rel = RelTol, double abs = AbsTol)
    {
        if (expected.Length != actual.Length) throw new XunitException($"{what}: length {actual.Length} but expected {expected.Length}");
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var err = Math.Abs((double)actual[i] - expected[i]);
            var allowed = abs + rel * Math.Abs(expected[i]);
            if (double.IsNaN(actual[i]) || err > allowed)
            {
                var excess = double.IsNaN(actual[i]) ? double.PositiveInfinity : err / allowed;
                if (worst < 0 || excess > worstExcess) { worst = i; worstExcess = excess; }
            }
        }
        if (worst >= 0)
            throw new XunitException($"{what}: element {worst} is {actual[worst]:G9} but expected {expected[worst]:G9} (tolerance {abs} + {rel}*|expected|)");
    }

    /// <summary>Asserts a scalar within tolerance.</summary>
    public static void Close(double expected, double actual, string what = "", double rel = RelTol, double abs = AbsTol)
    {
        if (double.IsNaN(actual) || Math.Abs(actual - expected) > abs + rel * Math.Abs(expected))
            throw new XunitException($"{what}: {actual:G9} but expected {expected:G9}");
    }
}
