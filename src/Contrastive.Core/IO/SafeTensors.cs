using Contrastive.Tensors;

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

/// <summary>
/// How a tensor is stored in a safetensors file; the names are the header's <c>dtype</c> strings. Tensors are float in
/// memory whatever their storage: I64 (integer buffers such as <c>num_batches_tracked</c>) and I8 (quantised weights)
/// entries must hold integers in their type's range.
/// </summary>
public enum SafeTensorsDtype
{
    /// <summary>32-bit IEEE float.</summary>
    F32,

    /// <summary>64-bit signed integer.</summary>
    I64,

    /// <summary>8-bit signed integer.</summary>
    I8,
}

/// <summary>The contents of a safetensors file.</summary>
/// <param name="Entries">The tensors in data order, each with its storage type.</param>
/// <param name="Metadata">The <c>__metadata__</c> map (empty when absent).</param>
public sealed record SafeTensorsContent(
    IReadOnlyList<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> Entries,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The tensors by name.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => Entries.ToDictionary(e => e.Name, e => e.Tensor, StringComparer.Ordinal);
}
