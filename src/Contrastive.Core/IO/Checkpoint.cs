using Contrastive.Nn;
using Contrastive.Optim;

namespace Contrastive.IO;

/// <summary>
/// Saves and loads module and optimiser state as safetensors files, keyed by PyTorch state_dict names
/// (so a module checkpoint loads into the equivalent PyTorch model with <c>strict=True</c>).
/// </summary>
public static class Checkpoint
{
    /// <summary>Writes the module's parameters and buffers (integer buffers as I64), atomically.</summary>
    public static void SaveModule(Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensors.Write(path, module.StateEntries(), metadata);
    }

    /// <summary>Loads a module checkpoint; with <paramref name="strict"/>, keys must match exactly.</summary>
    /// <returns>The file's metadata.</returns>
    /// <exception cref="InvalidDataException">The file is malformed or does not match the module; the message names the file.</exception>
    public static IReadOnlyDictionary<string, string> LoadModule(Module module, string path, bool strict = true)
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

    /// <summary>Writes the optimiser state (<see cref="Optimizer.GetState"/>), atomically.</summary>
    public static void SaveOptimizer(Optimizer optimizer, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        SafeTensors.Write(path, optimizer.GetState().Select(kv => (kv.Key, kv.Value, SafeTensorsDtype.F32)), metadata);
    }

    /// <summary>Replaces the optimiser state by the one saved in <paramref name="path"/>.</summary>
    /// <returns>The file's metadata.</returns>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the optimiser; the message names the file.</exception>
    public static IReadOnlyDictionary<string, string> LoadOptimizer(Optimizer optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var content = SafeTensors.Read(path);
        try
        {
            optimizer.LoadState(content.Tensors);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"optimizer checkpoint '{path}': {e.Message}", e);
        }
        return content.Metadata;
    }
}
