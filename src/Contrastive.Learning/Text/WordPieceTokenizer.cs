using Contrastive.Models;
using Contrastive.Tensors;
using Microsoft.ML.Tokenizers;

namespace Contrastive.Text;

/// <summary>
/// BERT's WordPiece tokenization (Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>: lower-casing, accent
/// stripping, punctuation splitting, then greedy longest-match word pieces) on a given vocabulary, packed into the
/// (B, T) id tensor a <see cref="BertTextEncoder"/> takes: <c>[CLS] pieces [SEP]</c>, cut to <see cref="MaxLength"/>
/// ids (the last kept id is still <c>[SEP]</c>) and padded with <c>[PAD]</c> (id 0) to the longest text of the batch.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly BertTokenizer _tokenizer;

    private WordPieceTokenizer(BertTokenizer tokenizer, int maxLength)
    {
        if (tokenizer.PaddingTokenId != BertTextEncoder.PadId)
            throw new InvalidDataException($"the vocabulary's [PAD] has id {tokenizer.PaddingTokenId}; BertTextEncoder expects {BertTextEncoder.PadId}");
        _tokenizer = tokenizer;
        MaxLength = maxLength;
    }

    /// <summary>The longest id sequence a text becomes, special tokens included.</summary>
    public int MaxLength { get; }

    /// <summary>A tokenizer on the vocabulary in <paramref name="vocabulary"/> (one word piece a line, <c>vocab.txt</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 3.</exception>
    public static WordPieceTokenizer FromVocabulary(Stream vocabulary, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 3);
        return new WordPieceTokenizer(BertTokenizer.Create(vocabulary), maxLength);
    }

    /// <summary>The ids of one text: <c>[CLS]</c>, its word pieces, <c>[SEP]</c>, at most <see cref="MaxLength"/>.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.EncodeToIds(text, addSpecialTokens: true);
        return ids.Count <= MaxLength ? ids : [.. ids.Take(MaxLength - 1), _tokenizer.SeparatorTokenId];
    }

    /// <summary>The (B, T) id tensor of <paramref name="texts"/>, padded to the longest.</summary>
    /// <exception cref="ArgumentException">There are no texts.</exception>
    public Tensor EncodeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("no texts to encode", nameof(texts));
        var encoded = texts.Select(Encode).ToList();
        var t = encoded.Max(ids => ids.Count);
        var data = new float[texts.Count * t];
        for (var r = 0; r < encoded.Count; r++)
            for (var i = 0; i < encoded[r].Count; i++) data[r * t + i] = encoded[r][i];
        return new Tensor(data, [texts.Count, t]);
    }
}
