using Contrastive.Data.Text;
using Contrastive.Tensors;
using Microsoft.ML.Tokenizers;

namespace Contrastive.Models;

/// <summary>
/// BERT's WordPiece tokenization (Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>: lower-casing, accent
/// stripping, punctuation splitting, then greedy longest-match word pieces) on a given vocabulary, packed into the
/// (B, T) id tensor a <see cref="BertTextEncoder"/> takes: <c>[CLS] pieces [SEP]</c>, cut to <see cref="MaxLength"/>
/// ids (the last kept id is still <c>[SEP]</c>) and padded with <c>[PAD]</c> (id 0) to the longest text of the batch.
/// </summary>
public sealed class WordPieceTokenizer : ISentenceTokenizer
{
    private readonly BertTokenizer _tokenizer;

    private WordPieceTokenizer(BertTokenizer tokenizer, int vocabularySize, int maxLength)
    {
        if (tokenizer.PaddingTokenId != BertTextEncoder.PadId)
            throw new InvalidDataException($"the vocabulary's [PAD] has id {tokenizer.PaddingTokenId}; BertTextEncoder expects {BertTextEncoder.PadId}");
        _tokenizer = tokenizer;
        VocabularySize = vocabularySize;
        MaxLength = maxLength;
    }

    /// <summary>The longest id sequence a text becomes, special tokens included.</summary>
    public int MaxLength { get; }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <summary>The id of <c>[MASK]</c>.</summary>
    public int MaskId => _tokenizer.MaskingTokenId;

    /// <summary>A tokenizer on the vocabulary in <paramref name="vocabulary"/> (one word piece a line, <c>vocab.txt</c>; a
    /// piece's id is its line number from 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 3.</exception>
    public static WordPieceTokenizer FromVocabulary(Stream vocabulary, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 3);
        using var reader = new StreamReader(vocabulary);
        var lines = reader.ReadToEnd().Split('\n');
        var tokens = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length; // a final newline ends the last token
        using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return new WordPieceTokenizer(BertTokenizer.Create(text), tokens, maxLength);
    }

    /// <inheritdoc />
    public int[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. _tokenizer.EncodeToIds(text, addSpecialTokens: false)];
    }

    /// <inheritdoc />
    public EncodedText Pack(ReadOnlySpan<int> ids, int maxLength, bool addSpecialTokens = true) =>
        EncodedText.Pack(ids, maxLength, _tokenizer.ClassificationTokenId, _tokenizer.SeparatorTokenId, VocabularySize, addSpecialTokens);

    /// <summary>The ids of one text: <c>[CLS]</c>, its word pieces, <c>[SEP]</c>, at most <see cref="MaxLength"/>.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        var packed = Pack(Tokenize(text), MaxLength);
        return packed.Ids[..packed.Length];
    }

    /// <summary>The (B, T) id tensor of <paramref name="texts"/>, each at most <see cref="MaxLength"/> ids, padded to the longest.</summary>
    /// <exception cref="ArgumentException">There are no texts.</exception>
    public Tensor EncodeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return TokenBatch.Pack([.. texts.Select(Tokenize)], this, MaxLength);
    }
}
