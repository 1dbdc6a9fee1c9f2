using Contrastive.Tensors;

namespace Contrastive.Data.Text;

/// <summary>
/// Replaces one contiguous span of round(<paramref name="fraction"/> * length) tokens (at least one when the
/// fraction is positive) starting at a uniform position by <paramref name="maskId"/>; the length is kept.
/// </summary>
/// <param name="fraction">Share of the tokens to mask, in [0, 1].</param>
/// <param name="maskId">The replacement id; [UNK] by default, or a dedicated mask token's id.</param>
public sealed class RandomSpanMasking(double fraction, int maskId = WordTokenizer.UnkId) : ITextAugmentation
{
    private readonly double _fraction = TextAugmentChecks.Probability(fraction, nameof(fraction));
    private readonly int _maskId = maskId >= 0 ? maskId : throw new ArgumentOutOfRangeException(nameof(maskId), $"mask id must be non-negative, got {maskId}");

    /// <inheritdoc />
    public int[] Apply(ReadOnlySpan<int> tokens, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var result = tokens.ToArray();
        if (result.Length == 0 || _fraction == 0) return result;
        var span = Math.Clamp((int)Math.Round(_fraction * result.Length), 1, result.Length);
        var start = rng.NextInt(result.Length - span + 1);
        result.AsSpan(start, span).Fill(_maskId);
        return result;
    }
}
