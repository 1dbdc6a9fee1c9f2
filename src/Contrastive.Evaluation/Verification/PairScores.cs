using Contrastive.Tensors;

namespace Contrastive.Evaluation.Verification;

/// <summary>Scored pairs: a similarity score per pair and a 0/1 label (1 = same identity/class).</summary>
/// <param name="Scores">Similarity of each pair (higher = more alike).</param>
/// <param name="Labels">1 for a positive (matching) pair, 0 for a negative one.</param>
public sealed record PairScores(float[] Scores, int[] Labels)
{
    /// <summary>The number of positive pairs.</summary>
    public int Positives => Labels.Count(l => l == 1);

    /// <summary>Checks lengths, non-emptiness, 0/1 labels and finite scores.</summary>
    /// <exception cref="ArgumentException">What is wrong, with the offending index.</exception>
    public void Validate() => Validate(Scores, Labels);

    /// <summary>Randomly splits into (first, second) with <paramref name="firstFraction"/> of the pairs in the first part.</summary>
    /// <exception cref="ArgumentException">The fraction leaves a part empty.</exception>
    public (PairScores First, PairScores Second) Split(double firstFraction, ulong seed)
    {
        Validate();
        var firstCount = (int)Math.Round(Scores.Length * firstFraction);
        if (firstCount < 1 || firstCount >= Scores.Length)
            throw new ArgumentException($"splitting {Scores.Length} pairs with fraction {firstFraction} leaves a part empty", nameof(firstFraction));
        var order = Enumerable.Range(0, Scores.Length).ToArray();
        new Rng(seed).Shuffle(order.AsSpan());
        PairScores Take(ArraySegment<int> idx) => new(idx.Select(i => Scores[i]).ToArray(), idx.Select(i => Labels[i]).ToArray());
        return (Take(new ArraySegment<int>(order, 0, firstCount)), Take(new ArraySegment<int>(order, firstCount, order.Length - firstCount)));
    }

    /// <summary>Checks a scores/labels pair of spans (see <see cref="Validate()"/>).</summary>
    internal static void Validate(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels)
    {
        if (scores.Length == 0) throw new ArgumentException("no pairs: scores are empty", nameof(scores));
        if (scores.Length != labels.Length)
            throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels", nameof(labels));
        for (var i = 0; i < scores.Length; i++)
        {
            if (labels[i] is not (0 or 1)) throw new ArgumentException($"labels[{i}] is {labels[i]}; pair labels must be 0 or 1", nameof(labels));
            if (!float.IsFinite(scores[i])) throw new ArgumentException($"scores[{i}] is {scores[i]}; scores must be finite", nameof(scores));
        }
    }
}
