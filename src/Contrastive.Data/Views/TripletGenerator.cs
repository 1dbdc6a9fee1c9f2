using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>
/// Triplets (anchor, positive, negative), regenerated on every call with the same rules as
/// <see cref="PairGenerator"/>: a random other member of the anchor's class, and a uniform other-class
/// sample or, with probability <c>hardness</c>, one from <see cref="HardNegatives"/>.
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
            negative[i] = PairGenerator.Negative(_labels, HardNegatives, anchors[i], hardness, rng);
        }
        return new TripletBatch(anchors.ToArray(), positive, negative);
    }
}
