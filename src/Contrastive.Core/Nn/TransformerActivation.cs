namespace Contrastive.Nn;

/// <summary>The feed-forward activation of a <see cref="TransformerEncoderLayer"/>.</summary>
public enum TransformerActivation
{
    /// <summary>max(x, 0), PyTorch's default.</summary>
    Relu,

    /// <summary>The exact (erf) GELU.</summary>
    Gelu,
}
