using Contrastive.Tensors;

namespace Contrastive.Data;

/// <summary>Gathering rows of samples stored one after the other, each <c>size</c> floats, into one tensor.</summary>
internal static class FixedSizeSamples
{
    /// <summary>The samples at <paramref name="rows"/> of <paramref name="values"/> as a (rows, <paramref name="sampleShape"/>) tensor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside the stored samples.</exception>
    public static Tensor Gather(ReadOnlySpan<float> values, int size, ReadOnlySpan<int> rows, ReadOnlySpan<int> sampleShape)
    {
        var count = values.Length / size;
        var batch = new float[(long)rows.Length * size];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if ((uint)row >= (uint)count) throw new ArgumentOutOfRangeException(nameof(rows), $"row {row} is outside [0, {count})");
            values.Slice(row * size, size).CopyTo(batch.AsSpan(i * size, size));
        }
        return new Tensor(batch, [rows.Length, .. sampleShape]);
    }
}
