using Contrastive.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Contrastive.Models;

/// <summary>The ReLUs of the folded inference layers: applied in place on the fresh output (no second tensor) unless
/// the output is part of a graph.</summary>
internal static class InPlace
{
    /// <summary>max(x, 0), in place when <paramref name="x"/> records no graph.</summary>
    public static Tensor Relu(Tensor x)
    {
        if (x.TracksGrad) return Ops.Relu(x);
        TensorPrimitives.Max(x.Span, 0f, x.Span);
        return x;
    }

    /// <summary>relu(a + b), in place in <paramref name="a"/> when neither records a graph.</summary>
    public static Tensor AddRelu(Tensor a, Tensor b)
    {
        if (a.TracksGrad || b.TracksGrad) return Ops.Relu(Ops.Add(a, b));
        TensorPrimitives.Add(a.Span, b.Span, a.Span);
        return Relu(a);
    }
}
