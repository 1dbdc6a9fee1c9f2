using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>
/// Triplets (anchor, positive, negative), regenerated on every call: a random other member of the anchor's class,
/// and a uniform other-class sample or, with probability <c>hardness</c>, one from <see cref="HardNegatives"/>.
/// </summary>
public sealed class TripletGenerator
{
    private readonly LabelIndex _labels;

    /// <summary>Creates the generator.</summary>
    public TripletGenerator(LabelIndex labels, ulong seed, IHardNegativeSource? hardNegatives = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        (_labels, Seed, HardNegatives) = (labels, seed, hardNegatives);
    }

    /// <summary>Seed of the per-batch generators.</summary>
    public ulong Seed { get; }

    /// <summary>Where hard negatives come from; may be replaced between epochs.</summary>
    public IHardNegativeSource? HardNegatives { get; set; }

    /// <summary>Triplets for the anchors <paramref name="anchors"/> (draws from <c>Rng.Derive(seed, epoch, batchIndex)</c>).</summary>
    public TripletBatch Generate(ReadOnlySpan<int> anchors, int epoch, int batchIndex, float hardness = 0f)
    {
        var rng = Rng.Derive(Seed, epoch, batchIndex);
        var positive = new int[anchors.Length];
        var negative = new int[anchors.Length];
        for (var i = 0; i < anchors.Length; i++)
        {
            positive[i] = _labels.RandomPositive(anchors[i], rng);
            negative[i] = Negative(_labels, HardNegatives, anchors[i], hardness, rng);
        }
        return new TripletBatch(anchors.ToArray(), positive, negative);
    }

    /// <summary>A hard negative with probability <paramref name="hardness"/> when a source offers one, else a uniform one.</summary>
    private static int Negative(LabelIndex labels, IHardNegativeSource? hard, int anchor, float hardness, Rng rng)
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
