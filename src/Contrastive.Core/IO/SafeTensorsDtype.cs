namespace Contrastive.IO;

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
