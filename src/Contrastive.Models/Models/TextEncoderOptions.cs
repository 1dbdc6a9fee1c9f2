namespace Contrastive.Models;

/// <summary>The architecture of a <see cref="TransformerTextEncoder"/>.</summary>
public readonly record struct TextEncoderOptions
{
    /// <summary>Creates options for a vocabulary and a maximum sequence length, with the other settings at their defaults.</summary>
    public TextEncoderOptions(int vocabularySize, int maxLength)
    {
        VocabularySize = vocabularySize;
        MaxLength = maxLength;
    }

    /// <summary>The number of token ids (the tokenizer's vocabulary size).</summary>
    public int VocabularySize { get; init; }

    /// <summary>The longest sequence (the size of the learned position table).</summary>
    public int MaxLength { get; init; }

    /// <summary>The model width D, also the output size. Default 64.</summary>
    public int ModelDim { get; init; } = 64;

    /// <summary>The number of encoder layers. Default 2.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Attention heads per layer; must divide <see cref="ModelDim"/>. Default 4.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>The feed-forward width; 0 means 4 * <see cref="ModelDim"/>.</summary>
    public int FeedForwardDim { get; init; }

    /// <summary>Dropout inside the layers (training mode only). Default 0.</summary>
    public float Dropout { get; init; }

    /// <summary>The standard deviation of the token embedding's initial N(0, s^2) values. Default 1, PyTorch's
    /// <c>nn.Embedding</c>; sentence-embedding runs take 0.1 (see <see cref="GruTextEncoder"/>).</summary>
    public float TokenEmbeddingStd { get; init; } = 1f;

    /// <summary>The pooling. Default mean over non-padding tokens.</summary>
    public TextPooling Pooling { get; init; } = TextPooling.Mean;
}
