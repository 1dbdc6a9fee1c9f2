using Contrastive.Data.Views;

namespace Contrastive.Data.Sampling;

/// <summary>
/// Batches of explicit triplets, for offline hard-negative mining: every epoch a fresh permutation of all samples
/// (<see cref="ShuffledBatchSampler"/>) gives floor(B / 3) anchors per batch of size B, and a <see cref="TripletGenerator"/> adds for each
/// anchor a random other member of its class and a negative of another class, taken with probability
/// <see cref="Hardness"/> from <see cref="HardNegatives"/> once a source is set (the anchor's nearest other-class
/// neighbours), else uniformly. A batch is the anchors, then their positives, then their negatives (63 samples for
/// B = 64). Unlike the other
/// samplers a batch may hold an index twice (a positive or a negative may also be an anchor of the batch).
/// </summary>
public sealed class TripletBatchSampler : IBatchSampler
{
    private readonly ShuffledBatchSampler _anchors;
    private readonly TripletGenerator _triplets;

    /// <summary>Creates the sampler of batches of 3 x floor(<paramref name="batchSize"/> / 3) samples.</summary>
    /// <exception cref="ArgumentException">The batch size is below 3, the hardness is outside [0, 1], or the samples do not
    /// give one batch of anchors.</exception>
    public TripletBatchSampler(LabelIndex labels, int batchSize, ulong seed, float hardness = 1f)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (batchSize < 3) throw new ArgumentException($"a triplet batch holds anchors, positives and negatives: its size must be at least 3, got {batchSize}");
        if (!(hardness is >= 0 and <= 1)) throw new ArgumentException($"hardness must be in [0, 1], got {hardness}");
        (_anchors, _triplets, Hardness) = (new ShuffledBatchSampler(labels.Count, batchSize / 3, seed), new TripletGenerator(labels, seed ^ 0x7121), hardness);
    }

    /// <summary>The chance that a negative comes from <see cref="HardNegatives"/> rather than uniformly from the other classes.</summary>
    public float Hardness { get; }

    /// <summary>Where hard negatives come from, or null for uniform negatives only; replace it between epochs (not while one runs).</summary>
    public IHardNegativeSource? HardNegatives
    {
        get => _triplets.HardNegatives;
        set => _triplets.HardNegatives = value;
    }

    /// <inheritdoc />
    public int SampleCount => _anchors.SampleCount;

    /// <inheritdoc />
    public int BatchesPerEpoch => _anchors.BatchesPerEpoch;

    /// <inheritdoc />
    public int[] Batch(int epoch, int batch)
    {
        var triplets = _triplets.Generate(_anchors.Batch(epoch, batch), epoch, batch, Hardness);
        return [.. triplets.Anchor, .. triplets.Positive, .. triplets.Negative];
    }
}
