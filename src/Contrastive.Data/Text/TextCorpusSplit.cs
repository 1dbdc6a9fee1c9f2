using Contrastive.Data.Datasets;
using Contrastive.Tensors;

namespace Contrastive.Data.Text;

/// <summary>
/// A deterministic train/test split of a <see cref="TextCorpus"/>: labelled texts stratified by class, every other kind
/// by anchor group, so held-out pairs have held-out anchors (unseen WordNet synsets).
/// </summary>
/// <param name="Train">The training records.</param>
/// <param name="Test">The held-out records.</param>
public sealed record TextCorpusSplit(TextCorpus Train, TextCorpus Test)
{
    /// <summary>The share of records (or anchor groups) held out.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Splits <paramref name="corpus"/> with a seeded permutation (<see cref="Splits.Stratified"/>).</summary>
    /// <exception cref="DatasetException">Either side would be empty.</exception>
    public static TextCorpusSplit Of(TextCorpus corpus, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        int[] train, test;
        if (corpus.Labels is not null) (train, test) = Splits.Stratified(corpus.Count, corpus.Labels, TestFraction, seed);
        else
        {
            var (trainGroups, _) = Splits.Stratified(corpus.GroupCount, null, TestFraction, seed);
            var inTrain = new bool[corpus.GroupCount];
            foreach (var g in trainGroups) inTrain[g] = true;
            train = Enumerable.Range(0, corpus.Count).Where(r => inTrain[corpus.Groups[r]]).ToArray();
            test = Enumerable.Range(0, corpus.Count).Where(r => !inTrain[corpus.Groups[r]]).ToArray();
        }
        if (train.Length == 0 || test.Length == 0)
            throw new DatasetException(corpus.Source, $"{corpus.Count} records are too few to hold out {TestFraction:P0} for testing");
        return new TextCorpusSplit(corpus.Subset(train, corpus.Source + " (train)"), corpus.Subset(test, corpus.Source + " (test)"));
    }

    /// <summary>This split with at most <paramref name="limit"/> training records: a seeded random subset of them, kept in
    /// their order; the held-out records are unchanged. The split itself when <paramref name="limit"/> is null or not
    /// smaller than the training records.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public TextCorpusSplit WithTrainLimit(int? limit, ulong seed = 0)
    {
        if (limit is not { } n) return this;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(limit));
        if (n >= Train.Count) return this;
        var rows = Enumerable.Range(0, Train.Count).ToArray();
        new Rng(seed ^ 0x7261696E6C696D69UL).Shuffle(rows.AsSpan());
        var kept = rows[..n];
        Array.Sort(kept);
        return this with { Train = Train.Subset(kept, $"{Train.Source}, {n} of {Train.Count} records") };
    }
}
