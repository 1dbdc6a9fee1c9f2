using Contrastive.Data.Text;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Serving;

/// <summary>Embeds text queries with a CLIP run's text tower, tokenised as in training, into the joint space its image
/// embeddings live in (so texts can search an image gallery).</summary>
/// <param name="towers">The trained two-tower model.</param>
/// <param name="tokenizer">The run's vocabulary (<c>tokenizer.json</c>).</param>
/// <param name="maxLength">Tokens per text, as in training.</param>
public sealed class TextQueryEncoder(TwoTowerModel towers, WordTokenizer tokenizer, int maxLength)
{
    /// <summary>The (N, D) joint-space embeddings of <paramref name="texts"/>, in eval mode without gradients. Not safe to
    /// call concurrently with other uses of the model (the service serialises them).</summary>
    /// <exception cref="QueryException">A text is null.</exception>
    public Tensor Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var encoded = texts.Select((text, i) => tokenizer.Encode(text ?? throw new QueryException($"texts[{i}] is null"), maxLength)).ToList();
        return towers.Inference(() => towers.EmbedTexts(TransformerTextEncoder.IdsToTensor(encoded)));
    }
}
