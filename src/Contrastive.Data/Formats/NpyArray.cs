namespace Contrastive.Data.Formats;

/// <summary>An array read from a .npy file: its shape, element type and C-order (row-major) data.</summary>
public sealed class NpyArray
{
    private readonly float[]? _floats;
    private readonly byte[]? _bytes;

    internal NpyArray(int[] shape, float[]? floats, byte[]? bytes, string source)
    {
        Shape = shape;
        _floats = floats;
        _bytes = bytes;
        Source = source;
    }

    /// <summary>The dimensions (empty for a scalar).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The element type stored in the file.</summary>
    public NpyDType DType => _floats is null ? NpyDType.UInt8 : NpyDType.Float32;

    /// <summary>The file the array was read from.</summary>
    public string Source { get; }

    /// <summary>Number of elements.</summary>
    public long Length => _floats?.LongLength ?? _bytes!.LongLength;

    /// <summary>The float32 elements; throws for a uint8 array.</summary>
    public ReadOnlySpan<float> Float32 => _floats ?? throw new InvalidOperationException($"{Source}: array holds uint8, not float32");

    /// <summary>The uint8 elements; throws for a float32 array.</summary>
    public ReadOnlySpan<byte> UInt8 => _bytes ?? throw new InvalidOperationException($"{Source}: array holds float32, not uint8");

    /// <summary>The elements as a new float array (uint8 values keep their value 0-255, like NumPy's <c>astype(np.float32)</c>).</summary>
    public float[] ToFloat32() => _floats is not null ? (float[])_floats.Clone() : _bytes!.Select(b => (float)b).ToArray();
}
