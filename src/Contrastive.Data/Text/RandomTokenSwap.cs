using Contrastive.Tensors;

namespace Contrastive.Data.Text;

/// <summary>
/// Swaps two uniformly chosen positions round(<paramref name="fraction"/> * length) times; the length and the
/// multiset of tokens are kept.
/// </summary>
/// <param name="fraction">Swaps per token, in [0, 1].</param>
public sealed class RandomTokenSwap(double fraction) : ITextAugmentation
{
    private readonly double _fraction = TextAugmentChecks.Probability(fraction, nameof(fraction));

    /// <inheritdoc />
    public int[] Apply(ReadOnlySpan<int> tokens, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var result = tokens.ToArray();
        if (result.Length < 2) return result;
        var swaps = (int)Math.Round(_fraction * result.Length);
        for (var s = 0; s < swaps; s++)
        {
            int i = rng.NextInt(result.Length), j = rng.NextInt(result.Length);
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }
}
