namespace Contrastive.Models;

/// <summary>The architecture of a <see cref="BertTextEncoder"/>.</summary>
/// <param name="VocabularySize">The number of WordPiece ids.</param>
/// <param name="MaxLength">The size of the position table (the longest input).</param>
/// <param name="ModelDim">The width D, also the output size.</param>
/// <param name="Layers">The number of Transformer layers.</param>
/// <param name="Heads">Attention heads per layer (must divide D).</param>
/// <param name="FeedForwardDim">The width of each layer's feed-forward block.</param>
/// <param name="TokenTypes">The size of the token-type (segment) table.</param>
/// <param name="LayerNormEps">The epsilon of every LayerNorm.</param>
/// <param name="Dropout">Dropout on embeddings, attention output and feed-forward output while training.</param>
public sealed record BertEncoderOptions(int VocabularySize, int MaxLength, int ModelDim, int Layers, int Heads, int FeedForwardDim,
    int TokenTypes = 2, float LayerNormEps = 1e-12f, float Dropout = 0.1f)
{
    /// <summary>all-MiniLM-L6-v2 (sentence-transformers): BERT uncased vocabulary, 6 layers of width 384, 12 heads.</summary>
    public static BertEncoderOptions MiniLmL6 { get; } = new(30522, 512, 384, 6, 12, 1536);
}
