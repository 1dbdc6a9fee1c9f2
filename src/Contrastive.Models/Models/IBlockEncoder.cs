using Contrastive.Nn;

namespace Contrastive.Models;

/// <summary>An encoder made of a stack of blocks, so training can freeze all but the last few (partial fine-tuning).</summary>
public interface IBlockEncoder : IEncoder
{
    /// <summary>The blocks in forward order (ResNet basic blocks, Transformer layers); parameters outside them (stem,
    /// embeddings) come before the first.</summary>
    IReadOnlyList<Module> Blocks { get; }
}
