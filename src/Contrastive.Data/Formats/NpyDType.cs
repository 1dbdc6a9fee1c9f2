namespace Contrastive.Data.Formats;

/// <summary>Element types <see cref="NpyFile"/> reads and writes.</summary>
public enum NpyDType
{
    /// <summary>Little-endian float32, NumPy descr <c>'&lt;f4'</c>.</summary>
    Float32,

    /// <summary>Unsigned byte, NumPy descr <c>'|u1'</c>.</summary>
    UInt8,
}
