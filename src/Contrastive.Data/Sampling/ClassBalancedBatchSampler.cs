using Contrastive.Data.Views;
using Contrastive.Tensors;

namespace Contrastive.Data.Sampling;

/// <summary>
/// M-per-class batches (P classes x K samples, as pytorch-metric-learning's MPerClassSampler) for SupCon,
/// triplet and other label-aware losses. An epoch is floor(N / (P K)) batches. Classes are visited in
/// successive random permutations (no class twice in a batch, every class equally often up to one
/// permutation); each class hands out its samples in successive random permutations, the samples used just
/// before a reshuffle moved to the end of the next one, so a batch holds K distinct samples per class and a
/// class's samples are all used before any repeats. The epoch's plan comes from <c>Rng.Derive(seed, epoch)</c>.
/// </summary>
public sealed class ClassBalancedBatchSampler : IBatchSampler
{
    private const ulong Salt = 0x4D50_4552_434C_5331; // "MPERCLS1"
    private readonly LabelIndex _labels;
    private readonly int[] _eligible;
    private readonly EpochCache<int[][]> _plans;

    /// <summary>Creates the sampler.</summary>
    /// <exception cref="ArgumentException">P or K is not positive, fewer than P classes are usable, or no batch fits in an epoch.</exception>
    public ClassBalancedBatchSampler(LabelIndex labels, int classesPerBatch, int samplesPerClass, ulong seed, SmallClassPolicy smallClasses = SmallClassPolicy.Replacement)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classesPerBatch <= 0 || samplesPerClass <= 0)
            throw new ArgumentException($"M-per-class sampler: P and K must be positive, got P={classesPerBatch}, K={samplesPerClass}");
        _labels = labels;
        (ClassesPerBatch, SamplesPerClass, Seed, SmallClasses) = (classesPerBatch, samplesPerClass, seed, smallClasses);
        _eligible = Enumerable.Range(0, labels.ClassCount)
            .Where(c => labels.Members(c).Length >= (smallClasses == SmallClassPolicy.Exclude ? samplesPerClass : 1)).ToArray();
        if (_eligible.Length < classesPerBatch)
            throw new ArgumentException($"M-per-class sampler: P={classesPerBatch} classes per batch but only {_eligible.Length} classes are usable (policy {smallClasses}, K={samplesPerClass})");
        BatchesPerEpoch = labels.Count / (classesPerBatch * samplesPerClass);
        if (BatchesPerEpoch == 0)
            throw new ArgumentException($"M-per-class sampler: {labels.Count} samples do not make one batch of {classesPerBatch}x{samplesPerClass}");
        _plans = new EpochCache<int[][]>(Plan);
    }

    /// <inheritdoc />
    public int SampleCount => _labels.Count;

    /// <summary>P: distinct classes per batch.</summary>
    public int ClassesPerBatch { get; }

    /// <summary>K: samples per class in a batch.</summary>
    public int SamplesPerClass { get; }

    /// <summary>The sampler's seed.</summary>
    public ulong Seed { get; }

    /// <summary>Treatment of classes with fewer than K samples.</summary>
    public SmallClassPolicy SmallClasses { get; }

    /// <inheritdoc />
    public int BatchesPerEpoch { get; }

    /// <inheritdoc />
    public int[] Batch(int epoch, int batch)
    {
        SamplerPosition.Validate(epoch, batch, BatchesPerEpoch);
        return (int[])_plans.Get(epoch)[batch].Clone();
    }

    private int[][] Plan(int epoch)
    {
        var rng = Rng.Derive(Seed ^ Salt, epoch);
        var classQueue = new List<int>();
        var streams = new Dictionary<int, MemberStream>();
        var plan = new int[BatchesPerEpoch][];
        var chosen = new List<int>(ClassesPerBatch);
        for (var b = 0; b < BatchesPerEpoch; b++)
        {
            chosen.Clear();
            var at = 0;
            while (chosen.Count < ClassesPerBatch)
            {
                if (at == classQueue.Count) classQueue.AddRange(Shuffled(_eligible, rng));
                if (chosen.Contains(classQueue[at])) { at++; continue; }
                chosen.Add(classQueue[at]);
                classQueue.RemoveAt(at);
            }
            var batch = new int[ClassesPerBatch * SamplesPerClass];
            for (var p = 0; p < chosen.Count; p++)
            {
                if (!streams.TryGetValue(chosen[p], out var stream))
                    streams[chosen[p]] = stream = new MemberStream(_labels.Members(chosen[p]).ToArray());
                stream.Take(batch.AsSpan(p * SamplesPerClass, SamplesPerClass), rng);
            }
            plan[b] = batch;
        }
        return plan;
    }

    private static int[] Shuffled(int[] items, Rng rng)
    {
        var copy = (int[])items.Clone();
        rng.Shuffle(copy.AsSpan());
        return copy;
    }

    /// <summary>A class's samples in successive random permutations.</summary>
    private sealed class MemberStream(int[] members)
    {
        private int _next = members.Length; // forces a shuffle on first use

        public void Take(Span<int> dst, Rng rng)
        {
            if (members.Length < dst.Length)
            {
                // Small class: each sample once, then uniform draws with replacement.
                rng.Shuffle(members.AsSpan());
                members.CopyTo(dst);
                for (var i = members.Length; i < dst.Length; i++) dst[i] = members[rng.NextInt(members.Length)];
                return;
            }
            var taken = Math.Min(dst.Length, members.Length - _next);
            members.AsSpan(_next, taken).CopyTo(dst);
            if (taken == dst.Length)
            {
                _next += taken;
                return;
            }
            // The `taken` samples just used are the tail of the permutation: the next permutation shuffles
            // the others first and puts those last, so this batch gets no repeats.
            rng.Shuffle(members.AsSpan(0, members.Length - taken));
            rng.Shuffle(members.AsSpan(members.Length - taken));
            _next = dst.Length - taken;
            members.AsSpan(0, _next).CopyTo(dst[taken..]);
        }
    }
}
