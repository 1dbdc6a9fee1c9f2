using Contrastive.IO;

namespace Contrastive.Nn;

/// <summary>
/// Saves and loads a module's parameters and buffers as a safetensors file keyed by PyTorch state_dict names (so the
/// file loads into the equivalent PyTorch model with <c>strict=True</c>). It sits in <c>Nn</c>, above the file format,
/// so that <c>IO</c> knows nothing of modules.
/// </summary>
public static class ModuleCheckpoint
{
    /// <summary>Writes the module's parameters and buffers (integer buffers as I64), atomically.</summary>
    public static void Save(Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensors.Write(path, module.StateEntries(), metadata);
    }

    /// <summary>Loads a module checkpoint; with <paramref name="strict"/>, keys must match exactly.</summary>
    /// <returns>The file's metadata.</returns>
    /// <exception cref="InvalidDataException">The file is malformed or does not match the module; the message names the file.</exception>
    public static IReadOnlyDictionary<string, string> Load(Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        var content = SafeTensors.Read(path);
        try
        {
            module.LoadState(content.Tensors, strict);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"checkpoint '{path}': {e.Message}", e);
        }
        return content.Metadata;
    }
}
