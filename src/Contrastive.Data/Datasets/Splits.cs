using Contrastive.Tensors;

namespace Contrastive.Data.Datasets;

/// <summary>Deterministic train/test splits of item indices.</summary>
public static class Splits
{
    /// <summary>
    /// Splits items 0..count-1 into train and test indices, per class when <paramref name="labels"/> are
    /// given (each class contributes round(n_c * testFraction) test items), over all items otherwise.
    /// Without a seed the test items of a class are its last ones in file order (reproducible by anyone);
    /// with a seed they are the first ones of a xoshiro256** permutation (<see cref="Rng"/>) of the class.
    /// Both index lists are returned in ascending order.
    /// </summary>
    public static (int[] Train, int[] Test) Stratified(int count, IReadOnlyList<int>? labels, double testFraction, ulong? seed)
    {
        if (!(testFraction >= 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"test fraction must be in [0, 1), got {testFraction}");
        if (labels is not null && labels.Count != count)
            throw new ArgumentException($"{labels.Count} labels for {count} items", nameof(labels));
        var groups = labels is null
            ? [Enumerable.Range(0, count).ToArray()]
            : Enumerable.Range(0, count).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var train = new List<int>(count);
        var test = new List<int>();
        var rng = seed is { } s ? new Rng(s) : null;
        foreach (var group in groups)
        {
            var testCount = (int)Math.Round(group.Length * testFraction, MidpointRounding.AwayFromZero);
            if (rng is null)
            {
                train.AddRange(group.AsSpan(0, group.Length - testCount));
                test.AddRange(group.AsSpan(group.Length - testCount));
            }
            else
            {
                rng.Shuffle(group.AsSpan());
                test.AddRange(group.AsSpan(0, testCount));
                train.AddRange(group.AsSpan(testCount));
            }
        }
        train.Sort();
        test.Sort();
        return (train.ToArray(), test.ToArray());
    }
}
