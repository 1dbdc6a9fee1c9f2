using Contrastive.Tensors;

namespace Contrastive.Data.Text;

/// <summary>
/// Texts as encoder inputs: all tokenised once, when first needed, and packed with [CLS] and [SEP] to at most
/// <see cref="MaxLength"/> ids, a batch padded to its longest text (<see cref="TokenBatch"/>).
/// </summary>
public sealed class TokenizedTexts : ISampleSet
{
    private readonly ISentenceTokenizer _tokenizer;
    private readonly Lazy<int[][]> _ids;
    private readonly Lazy<int[]> _byLength;

    /// <summary>Creates the set over <paramref name="texts"/> (not copied).</summary>
    /// <exception cref="ArgumentException">There are no texts or the labels are not one per text in
    /// [0, <paramref name="classCount"/>).</exception>
    public TokenizedTexts(IReadOnlyList<string> texts, ISentenceTokenizer tokenizer, int maxLength, string source = "texts", int[]? labels = null, int classCount = 0)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (texts.Count == 0) throw new ArgumentException($"{source}: no texts", nameof(texts));
        if (labels is not null && (labels.Length != texts.Count || labels.Any(l => l < 0 || l >= classCount)))
            throw new ArgumentException($"{source}: the labels must be one per text ({texts.Count}) in [0, {classCount})", nameof(labels));
        (_tokenizer, MaxLength, Source, Labels, ClassCount, Count) = (tokenizer, maxLength, source, labels, labels is null ? 0 : classCount, texts.Count);
        _ids = new(() => [.. texts.Select(tokenizer.Tokenize)]);
        _byLength = new(() => [.. Enumerable.Range(0, Count).OrderBy(i => tokenizer.Pack(_ids.Value[i], maxLength).Length)]);
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public int[]? Labels { get; }

    /// <inheritdoc />
    public int ClassCount { get; }

    /// <summary>Ids per text at most, [CLS] and [SEP] included.</summary>
    public int MaxLength { get; }

    /// <inheritdoc />
    public int EmbeddingBatchSize => 256;

    /// <summary>The texts by packed length (ties in text order), so that each embedding batch pads little.</summary>
    public int[] EmbeddingOrder => _byLength.Value;

    /// <inheritdoc />
    public Tensor Gather(ReadOnlySpan<int> rows)
    {
        var words = new int[rows.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(rows), $"row {rows[i]} is outside [0, {Count})");
            words[i] = _ids.Value[rows[i]];
        }
        return TokenBatch.Pack(words, _tokenizer, MaxLength);
    }
}
