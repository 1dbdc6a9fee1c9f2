using Contrastive.Models;
using Contrastive.Nn;

namespace Contrastive.Serving;

/// <summary>One copy of a run's trained model as the service uses it: the encoder of images or rows (batch norm folded
/// into the convolutions where it can be), and for a CLIP or text run the encoder of text queries over the same weights.
/// A replica runs one request at a time; <see cref="EncoderPool"/> hands replicas to concurrent requests.</summary>
public sealed class EncoderReplica
{
    /// <summary>Creates a replica of <paramref name="encoder"/> (and its <paramref name="texts"/> side, if any).</summary>
    public EncoderReplica(Module encoder, TextQueryEncoder? texts = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        (Encoder, Texts) = (BatchNormFolding.TryFold(encoder) ?? encoder, texts);
    }

    /// <summary>The encoder of images or table rows, run in eval mode without gradients.</summary>
    public Module Encoder { get; }

    /// <summary>The encoder of text queries, for CLIP and text runs; null otherwise.</summary>
    public TextQueryEncoder? Texts { get; }
}
