using System.Text;

namespace Contrastive.Data.Text;

/// <summary>
/// A word-level tokenizer: text is lower-cased (invariant culture) and split into maximal runs of
/// letters and digits; every other character separates words. The vocabulary starts with the special
/// tokens [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3, followed by words in a deterministic order.
/// </summary>
public sealed class WordTokenizer : ISentenceTokenizer
{
    /// <summary>Id of [PAD], the padding token.</summary>
    public const int PadId = 0;

    /// <summary>Id of [UNK], the unknown-word token.</summary>
    public const int UnkId = 1;

    /// <summary>Id of [CLS], the start-of-sequence token.</summary>
    public const int ClsId = 2;

    /// <summary>Id of [SEP], the end-of-sequence token.</summary>
    public const int SepId = 3;

    /// <summary>The special tokens, in id order.</summary>
    public static IReadOnlyList<string> SpecialTokens { get; } = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"];

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    /// <summary>Creates a tokenizer over a vocabulary: the special tokens first, then distinct lower-case words.</summary>
    /// <exception cref="ArgumentException">The special tokens are missing or misplaced, or a word is empty, not lower-case letters/digits, or repeated; the message names it.</exception>
    public WordTokenizer(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count < SpecialTokens.Count)
            throw new ArgumentException($"a vocabulary needs at least the {SpecialTokens.Count} special tokens, got {tokens.Count} entries");
        _tokens = [.. tokens];
        _ids = new Dictionary<string, int>(_tokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < _tokens.Length; i++)
        {
            var token = _tokens[i] ?? throw new ArgumentException($"vocabulary entry {i} is null");
            if (i < SpecialTokens.Count && token != SpecialTokens[i])
                throw new ArgumentException($"vocabulary entry {i} must be the special token {SpecialTokens[i]}, got '{token}'");
            if (i >= SpecialTokens.Count && !IsWord(token))
                throw new ArgumentException($"vocabulary entry {i} '{token}' is not a single lower-case word of letters and digits");
            if (!_ids.TryAdd(token, i))
                throw new ArgumentException($"vocabulary entry {i} '{token}' repeats entry {_ids[token]}");
        }
    }

    /// <summary>Number of tokens including the special ones (the embedding table size).</summary>
    public int VocabularySize => _tokens.Length;

    /// <inheritdoc />
    public int MaskId => UnkId;

    /// <summary>The tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>
    /// Builds a vocabulary from a corpus: words seen at least <paramref name="minFrequency"/> times, most
    /// frequent first, ties broken by ordinal string order, keeping at most <paramref name="maxVocabularySize"/>
    /// tokens in total (special tokens included).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">maxVocabularySize is below the number of special tokens or minFrequency is below 1.</exception>
    public static WordTokenizer Build(IEnumerable<string> corpus, int maxVocabularySize, int minFrequency = 1)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (maxVocabularySize < SpecialTokens.Count)
            throw new ArgumentOutOfRangeException(nameof(maxVocabularySize), $"the vocabulary must hold at least the {SpecialTokens.Count} special tokens, got {maxVocabularySize}");
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrequency, 1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in corpus)
            foreach (var word in SplitWords(text ?? ""))
                counts[word] = counts.GetValueOrDefault(word) + 1;
        var words = counts.Where(kv => kv.Value >= minFrequency)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(maxVocabularySize - SpecialTokens.Count).Select(kv => kv.Key);
        return new WordTokenizer([.. SpecialTokens, .. words]);
    }

    /// <summary>Lower-cases <paramref name="text"/> and splits it into maximal runs of letters and digits.</summary>
    public static IReadOnlyList<string> SplitWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune)) current.Append(Rune.ToLowerInvariant(rune).ToString());
            else if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    // A vocabulary word is exactly what SplitWords produces: one lower-case run of letters and digits.
    private static bool IsWord(string token) => SplitWords(token) is [var word] && word == token;

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnkId"/> when it is not in the vocabulary.</summary>
    public int IdOf(string token) => _ids.GetValueOrDefault(token, UnkId);

    /// <summary>The token with id <paramref name="id"/>.</summary>
    public string TokenOf(int id) => (uint)id < (uint)_tokens.Length ? _tokens[id]
        : throw new ArgumentOutOfRangeException(nameof(id), $"token id {id} is outside the vocabulary [0, {_tokens.Length})");

    /// <summary>The word ids of <paramref name="text"/> (unknown words map to [UNK]); no special tokens, no padding.</summary>
    public int[] Tokenize(string text) => [.. SplitWords(text).Select(IdOf)];

    /// <summary>
    /// Tokenizes <paramref name="text"/> and packs it to exactly <paramref name="maxLength"/> ids (see <see cref="Pack"/>).
    /// </summary>
    public EncodedText Encode(string text, int maxLength, bool addSpecialTokens = true) => Pack(Tokenize(text), maxLength, addSpecialTokens);

    /// <summary>
    /// Packs word ids into exactly <paramref name="maxLength"/> ids: optionally [CLS] first and [SEP] after the
    /// words, words beyond the room truncated from the end, then [PAD] up to the length.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">maxLength leaves no room for a word (below 3 with special tokens, below 1 without), or an id is outside the vocabulary.</exception>
    public EncodedText Pack(ReadOnlySpan<int> ids, int maxLength, bool addSpecialTokens = true) =>
        EncodedText.Pack(ids, maxLength, ClsId, SepId, _tokens.Length, addSpecialTokens);

    /// <summary>The tokens of <paramref name="ids"/> joined by spaces, padding left out (for inspection).</summary>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var parts = new List<string>(ids.Length);
        foreach (var id in ids) if (id != PadId) parts.Add(TokenOf(id));
        return string.Join(' ', parts);
    }

    /// <summary>Writes the vocabulary as a JSON file (written to a temporary file, then renamed).</summary>
    public void Save(string path) => VocabularyFile.Write(path, _tokens);

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid vocabulary; the message names the file and the problem.</exception>
    public static WordTokenizer Load(string path) => VocabularyFile.Read(path);
}
