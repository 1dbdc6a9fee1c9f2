using Contrastive.Tensors;

namespace Contrastive.Data.Text;

/// <summary>
/// A random transformation of a word-id sequence (before [CLS]/[SEP] and padding are added), used to
/// make two views of one text for contrastive learning. All randomness comes from the given <see cref="Rng"/>.
/// </summary>
public interface ITextAugmentation
{
    /// <summary>Returns a new, transformed sequence; <paramref name="tokens"/> is not modified.</summary>
    int[] Apply(ReadOnlySpan<int> tokens, Rng rng);
}
