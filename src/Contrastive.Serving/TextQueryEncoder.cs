using Contrastive.Data.Text;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Serving;

/// <summary>Embeds text queries, tokenised as in training: with a CLIP run's text tower into the joint space its image
/// embeddings live in (so texts can search an image gallery), or with a text run's sentence encoder (so texts search
/// texts).</summary>
public sealed class TextQueryEncoder
{
    private readonly Func<IReadOnlyList<string>, Tensor> _embed;

    /// <summary>Embeds queries with a CLIP run's text tower.</summary>
    /// <param name="towers">The trained two-tower model.</param>
    /// <param name="tokenizer">The run's vocabulary (<c>tokenizer.json</c>).</param>
    /// <param name="maxLength">Tokens per text, as in training.</param>
    public TextQueryEncoder(TwoTowerModel towers, WordTokenizer tokenizer, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(towers);
        ArgumentNullException.ThrowIfNull(tokenizer);
        _embed = texts => towers.Inference(() => towers.EmbedTexts(TransformerTextEncoder.IdsToTensor([.. texts.Select(text => tokenizer.Encode(text, maxLength))])));
    }

    private TextQueryEncoder(Func<IReadOnlyList<string>, Tensor> embed) => _embed = embed;

    /// <summary>Embeds queries with a text run's sentence encoder (Transformer, GRU or MiniLM), as <c>contrastive embed</c>
    /// embeds texts (<see cref="Embedder"/> over <see cref="TokenizedTexts"/>).</summary>
    /// <param name="encoder">The trained sentence encoder.</param>
    /// <param name="tokenizer">The run's tokenizer (its <c>tokenizer.json</c> or the backbone's WordPiece vocabulary).</param>
    /// <param name="maxLength">Tokens per text, [CLS] and [SEP] included, as in training.</param>
    public static TextQueryEncoder ForSentenceEncoder(Module encoder, ISentenceTokenizer tokenizer, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new TextQueryEncoder(texts => Embedder.Embed(encoder, new TokenizedTexts(texts, tokenizer, maxLength, "queries")));
    }

    /// <summary>The (N, D) embeddings of <paramref name="texts"/>, in eval mode without gradients. Not safe to
    /// call concurrently with other uses of the model (the service gives each request its own <see cref="EncoderReplica"/>).</summary>
    /// <exception cref="QueryException">A text is null.</exception>
    public Tensor Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        for (var i = 0; i < texts.Count; i++)
            if (texts[i] is null) throw new QueryException($"texts[{i}] is null; send strings");
        return _embed(texts);
    }
}
