using Contrastive.Data.Text;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>The padding convention the text encoders share: id <see cref="WordTokenizer.PadId"/> marks padding, and the
/// sentence vector is the mean of the per-token states over the real tokens.</summary>
internal static class TokenPooling
{
    /// <summary>Per id, true at padding.</summary>
    public static bool[] PaddingMask(ReadOnlySpan<float> ids)
    {
        var mask = new bool[ids.Length];
        for (var i = 0; i < ids.Length; i++) mask[i] = ids[i] == WordTokenizer.PadId;
        return mask;
    }

    /// <summary>(B, T, 1) weights 1 / n_b at the n_b real tokens of row b and 0 at padding, so sum_t w * h is the masked mean.</summary>
    /// <exception cref="ArgumentException">A row is all padding.</exception>
    public static Tensor MeanWeights(bool[] padding, int b, int t)
    {
        var w = new float[b * t];
        for (var r = 0; r < b; r++)
        {
            var count = 0;
            for (var i = 0; i < t; i++) if (!padding[r * t + i]) count++;
            if (count == 0) throw new ArgumentException($"text encoder: row {r} is all padding, nothing to pool");
            for (var i = 0; i < t; i++) w[r * t + i] = padding[r * t + i] ? 0f : 1f / count;
        }
        return new Tensor(w, [b, t, 1]);
    }

    /// <summary>The masked mean of <paramref name="states"/> (B, T, D): (B, D).</summary>
    public static Tensor Mean(Tensor states, bool[] padding) =>
        Ops.Sum(Ops.Mul(states, MeanWeights(padding, states.Size(0), states.Size(1))), 1);
}
