using Contrastive.IO;
using Contrastive.Tensors;

namespace Contrastive.Compression;

/// <summary>Reads a run's <c>model.safetensors</c>, full precision or compressed.</summary>
public static class ModelWeights
{
    /// <summary>The float weights by state_dict key; int8 weights (<see cref="Int8Quantization"/>) come back dequantised.</summary>
    /// <exception cref="InvalidDataException">The file is malformed, fails its checksum or holds a NaN or infinite weight;
    /// the message names it.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        var weights = Int8Quantization.DequantizeEntries(SafeTensors.Read(path), path);
        foreach (var (name, tensor) in weights)
            if (FiniteValues.Describe(tensor.Span) is { } bad)
                throw new InvalidDataException($"{path}: weight '{name}' holds {bad}; the model is poisoned (saved from a diverged run, or edited) and cannot be used");
        return weights;
    }
}
