namespace Contrastive.Models;

/// <summary>How a <see cref="TransformerTextEncoder"/> turns per-token states into one vector.</summary>
public enum TextPooling
{
    /// <summary>The mean over non-padding tokens.</summary>
    Mean,

    /// <summary>The state of the first token (the tokenizer's <c>[CLS]</c>).</summary>
    Cls,
}
