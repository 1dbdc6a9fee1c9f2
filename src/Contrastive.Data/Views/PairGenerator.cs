using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>
/// Label-based pairs for Siamese training, regenerated on every call: for a batch of anchors, exactly
/// ceil(B * <see cref="PositiveFraction"/>) pairs are positive (a random other member of the anchor's class)
/// and the rest negative (a random sample of another class, or with probability <c>hardness</c> one from
/// <see cref="HardNegatives"/>), positions shuffled. Draws come from <c>Rng.Derive(seed, epoch, batchIndex)</c>.
/// </summary>
public sealed class PairGenerator
{
    private readonly LabelIndex _labels;

    /// <summary>Creates the generator.</summary>
    /// <exception cref="ArgumentException">The positive fraction is outside [0, 1].</exception>
    public PairGenerator(LabelIndex labels, ulong seed, float positiveFraction = 0.5f, IHardNegativeSource? hardNegatives = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(positiveFraction is >= 0 and <= 1)) throw new ArgumentException($"pair generator: positive fraction must be in [0, 1], got {positiveFraction}");
        (_labels, Seed, PositiveFraction, HardNegatives) = (labels, seed, positiveFraction, hardNegatives);
    }

    /// <summary>Seed of the per-batch generators.</summary>
    public ulong Seed { get; }

    /// <summary>Fraction of positive pairs in a batch.</summary>
    public float PositiveFraction { get; }

    /// <summary>Where hard negatives come from; may be replaced between epochs (e.g. after re-mining).</summary>
    public IHardNegativeSource? HardNegatives { get; set; }

    /// <summary>Pairs for the anchors <paramref name="anchors"/>.</summary>
    /// <param name="anchors">Anchor sample indices.</param>
    /// <param name="epoch">Epoch (seeds the draw).</param>
    /// <param name="batchIndex">Batch within the epoch (seeds the draw).</param>
    /// <param name="hardness">Probability in [0, 1] of asking <see cref="HardNegatives"/> for a negative (see <see cref="CurriculumSchedule.Hardness"/>).</param>
    public PairBatch Generate(ReadOnlySpan<int> anchors, int epoch, int batchIndex, float hardness = 0f)
    {
        var rng = Rng.Derive(Seed, epoch, batchIndex);
        var same = new bool[anchors.Length];
        var positives = (int)Math.Ceiling(anchors.Length * (double)PositiveFraction);
        for (var i = 0; i < positives; i++) same[i] = true;
        rng.Shuffle(same.AsSpan());
        var right = new int[anchors.Length];
        for (var i = 0; i < anchors.Length; i++)
            right[i] = same[i] ? _labels.RandomPositive(anchors[i], rng) : Negative(_labels, HardNegatives, anchors[i], hardness, rng);
        return new PairBatch(anchors.ToArray(), right, same);
    }

    /// <summary>A hard negative with probability <paramref name="hardness"/> when a source offers one, else a uniform one.</summary>
    internal static int Negative(LabelIndex labels, IHardNegativeSource? hard, int anchor, float hardness, Rng rng)
    {
        if (hard is not null && hardness > 0 && rng.NextFloat() < hardness && hard.TryPick(anchor, rng, out var negative))
        {
            if (labels.LabelOf(negative) == labels.LabelOf(anchor))
                throw new InvalidOperationException($"hard-negative source returned sample {negative} with the anchor's own label {labels.LabelOf(anchor)}");
            return negative;
        }
        return labels.RandomOutsideClass(labels.LabelOf(anchor), rng);
    }
}
