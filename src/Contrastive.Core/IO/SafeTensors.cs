namespace Contrastive.IO;

/// <summary>
/// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header
/// length, a UTF-8 JSON header <c>{name: {"dtype", "shape", "data_offsets": [begin, end]}}</c> with an
/// optional <c>"__metadata__"</c> string map, then the raw little-endian data, offsets relative to its
/// start. Supported dtypes: <see cref="SafeTensorsDtype"/>.
/// </summary>
public static partial class SafeTensors
{
    private const string MetadataKey = "__metadata__";

    /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
    private static int ElementBytes(SafeTensorsDtype dtype) => dtype switch
    {
        SafeTensorsDtype.F32 => 4,
        SafeTensorsDtype.I64 => 8,
        SafeTensorsDtype.I8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown safetensors dtype"),
    };
}
