using Contrastive.Tensors;

namespace Contrastive.Data.Text;

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
