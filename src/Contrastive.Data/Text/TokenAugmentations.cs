using Contrastive.Tensors;

namespace Contrastive.Data.Text;

/// <summary>
/// A random transformation of a word-id sequence (before [CLS]/[SEP] and padding are added), used to
/// make two views of one text for contrastive learning. All randomness comes from the given <see cref="Rng"/>.
/// </summary>
public interface ITextAugmentation
{
    /// <summary>Returns a new, transformed sequence; <paramref name="tokens"/> is not modified.</summary>
    int[] Apply(ReadOnlySpan<int> tokens, Rng rng);
}

/// <summary>
/// Drops each token independently with <paramref name="probability"/>; when every token would be dropped
/// one of them, chosen uniformly, is kept (EDA, Wei and Zou 2019). A non-empty input stays non-empty.
/// </summary>
/// <param name="probability">Drop probability in [0, 1].</param>
public sealed class RandomTokenDeletion(double probability) : ITextAugmentation
{
    private readonly double _probability = TextAugmentChecks.Probability(probability, nameof(probability));

    /// <inheritdoc />
    public int[] Apply(ReadOnlySpan<int> tokens, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var kept = new List<int>(tokens.Length);
        foreach (var token in tokens)
            if (!rng.Bernoulli(_probability)) kept.Add(token);
        if (kept.Count == 0 && tokens.Length > 0) kept.Add(tokens[rng.NextInt(tokens.Length)]);
        return [.. kept];
    }
}

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

/// <summary>Applies augmentations in order, each to the previous one's output.</summary>
/// <param name="steps">The augmentations, first to last.</param>
public sealed class TextAugmentationPipeline(params ITextAugmentation[] steps) : ITextAugmentation
{
    private readonly ITextAugmentation[] _steps = steps ?? throw new ArgumentNullException(nameof(steps));

    /// <inheritdoc />
    public int[] Apply(ReadOnlySpan<int> tokens, Rng rng)
    {
        var result = tokens.ToArray();
        foreach (var step in _steps) result = step.Apply(result, rng);
        return result;
    }
}

internal static class TextAugmentChecks
{
    public static double Probability(double value, string name) => value is >= 0 and <= 1 ? value
        : throw new ArgumentOutOfRangeException(name, $"{name} must be in [0, 1], got {value}");
}
