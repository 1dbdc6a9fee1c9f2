using Contrastive.IO;
using Contrastive.Tensors;

namespace Contrastive.Compression;

/// <summary>Reads a run's <c>model.safetensors</c>, full precision or compressed.</summary>
public static class ModelWeights
{
    /// <summary>The float weights by state_dict key; int8 weights (<see cref="Int8Quantization"/>) come back dequantised.</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names it.</exception>
    public static Dictionary<string, Tensor> Read(string path) => Int8Quantization.DequantizeEntries(SafeTensors.Read(path), path);
}
