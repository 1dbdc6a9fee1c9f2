using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Inverted dropout: in training each element is zeroed with probability <paramref name="p"/> and the
    /// survivors are scaled by 1 / (1 - p), so the expected value is unchanged. Returns
    /// <paramref name="x"/> itself when not training or p = 0. The mask is drawn from
    /// <paramref name="rng"/> in element order, so a seed reproduces it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1).</exception>
    public static Tensor Dropout(Tensor x, float p, Rng rng, bool training)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(p >= 0f && p < 1f)) throw new ArgumentOutOfRangeException(nameof(p), $"dropout probability must be in [0, 1), got {p}");
        if (!training || p == 0f) return x;
        var keepScale = 1f / (1f - p);
        var scale = BufferPool.Rent(x.Length); // 0 or 1 / (1 - p) per element: the mask and the gradient factor
        for (var i = 0; i < scale.Length; i++) scale[i] = rng.NextFloat() >= p ? keepScale : 0f;
        var y = BufferPool.Rent(x.Length);
        TensorPrimitives.Multiply(x.Buffer, scale, y);
        return Tensor.FromOp(y, x.Shape, "dropout", [x], [scale], g =>
        {
            var gx = Tensor.GradBuffer(x);
            TensorPrimitives.MultiplyAdd(g, scale, gx, gx);
        });
    }
}
