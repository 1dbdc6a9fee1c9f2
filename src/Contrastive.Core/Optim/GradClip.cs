using System.Numerics.Tensors;
using Contrastive.Tensors;
using Tensor = Contrastive.Tensors.Tensor;

namespace Contrastive.Optim;

/// <summary>Gradient clipping.</summary>
public static class GradClip
{
    /// <summary>
    /// Scales all gradients by maxNorm / (norm + 1e-6) when the global L2 norm of the gradients of
    /// <paramref name="parameters"/> exceeds <paramref name="maxNorm"/> (PyTorch's clip_grad_norm_).
    /// Parameters without a gradient are ignored. When the norm is NaN or infinite the gradients are left
    /// unchanged, so the caller can detect it from the returned value and skip the step.
    /// </summary>
    /// <returns>The global gradient norm before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive.</exception>
    public static float ClipByGlobalNorm(IEnumerable<Tensor> parameters, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0f)) throw new ArgumentOutOfRangeException(nameof(maxNorm), $"max norm must be positive, got {maxNorm}");
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double sumSquares = 0;
        foreach (var g in grads) sumSquares += TensorPrimitives.SumOfSquares<float>(g.Span);
        var norm = (float)Math.Sqrt(sumSquares);
        var coef = maxNorm / (norm + 1e-6f);
        if (float.IsFinite(norm) && coef < 1f)
            foreach (var g in grads) TensorPrimitives.Multiply(g.Span, coef, g.Span);
        return norm;
    }
}
