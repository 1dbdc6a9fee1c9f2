using Contrastive.Tensors;

namespace Contrastive.IO;

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
