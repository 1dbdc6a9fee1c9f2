using Contrastive.Tensors;

namespace Contrastive.IO;

/// <summary>
/// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header
/// length, a UTF-8 JSON header <c>{name: {"dtype", "shape", "data_offsets": [begin, end]}}</c> with an
/// optional <c>"__metadata__"</c> string map, then the raw little-endian data, offsets relative to its
/// start. Supported dtypes: F32, and I64 for integer buffers (read back into float tensors).
/// </summary>
public static partial class SafeTensors
{
    private const string MetadataKey = "__metadata__";
}

/// <summary>The contents of a safetensors file.</summary>
/// <param name="Entries">The tensors in data order; <c>IsInteger</c> marks those stored as I64.</param>
/// <param name="Metadata">The <c>__metadata__</c> map (empty when absent).</param>
public sealed record SafeTensorsContent(
    IReadOnlyList<(string Name, Tensor Tensor, bool IsInteger)> Entries,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The tensors by name.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => Entries.ToDictionary(e => e.Name, e => e.Tensor, StringComparer.Ordinal);
}
