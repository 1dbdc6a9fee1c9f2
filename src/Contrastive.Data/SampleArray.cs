using Contrastive.Tensors;

namespace Contrastive.Data;

/// <summary>
/// N samples of one fixed shape (the standardised log-mel spectrograms of whole audio clips, say) stored one after the
/// other, with optional class labels.
/// </summary>
public sealed class SampleArray : ISampleSet
{
    private readonly float[] _values;
    private readonly int[] _sampleShape;

    /// <summary>Creates the set over <paramref name="values"/> (not copied).</summary>
    /// <exception cref="ArgumentException">The values are not a whole number of samples of <paramref name="sampleShape"/>,
    /// or the labels are not one per sample in [0, <paramref name="classCount"/>).</exception>
    public SampleArray(float[] values, int[] sampleShape, string source, int[]? labels = null, int classCount = 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(sampleShape);
        SampleSize = sampleShape.Aggregate(1, (a, b) => a * b);
        if (sampleShape.Length == 0 || SampleSize <= 0 || values.Length % SampleSize != 0)
            throw new ArgumentException($"{source}: {values.Length} values are not a whole number of samples of [{string.Join(", ", sampleShape)}]");
        Count = values.Length / SampleSize;
        if (labels is not null && (labels.Length != Count || labels.Any(l => l < 0 || l >= classCount)))
            throw new ArgumentException($"{source}: the labels must be one per sample ({Count}) in [0, {classCount})");
        (_values, _sampleShape, Source, Labels, ClassCount) = (values, sampleShape, source, labels, labels is null ? 0 : classCount);
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public int[]? Labels { get; }

    /// <inheritdoc />
    public int ClassCount { get; }

    /// <summary>The shape of one sample.</summary>
    public ReadOnlySpan<int> SampleShape => _sampleShape;

    /// <summary>Floats per sample.</summary>
    public int SampleSize { get; }

    /// <summary>All values, sample after sample.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <inheritdoc />
    public Tensor Gather(ReadOnlySpan<int> rows) => FixedSizeSamples.Gather(_values, SampleSize, rows, _sampleShape);

    /// <summary>The samples of <paramref name="parts"/>, one part after the other, unlabeled, under <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">There are no parts or their sample shapes differ.</exception>
    public static SampleArray Concat(IReadOnlyList<SampleArray> parts, string source)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("no sample arrays to join", nameof(parts));
        var shape = parts[0]._sampleShape;
        if (parts.Any(p => !p._sampleShape.AsSpan().SequenceEqual(shape)))
            throw new ArgumentException($"{source}: the parts' sample shapes differ", nameof(parts));
        return new SampleArray([.. parts.SelectMany(p => p._values)], shape, source);
    }
}
