using Contrastive.Data.Text;

namespace Contrastive.Data.Tests.Text;

public sealed class WordTokenizerTests : IDisposable
{
    private static readonly string[] s_corpus =
    [
        "The cat sat on the mat.",
        "The dog sat; the CAT ran!",
        "A dog, a cat, 2 mats.",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("contrastive-vocab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Splitting_lower_cases_and_breaks_on_non_letters_and_digits()
    {
        Assert.Equal(["hello", "world", "42x", "é", "straße"], WordTokenizer.SplitWords("Hello,world!! 42x-É  STRAßE"));
        Assert.Empty(WordTokenizer.SplitWords(" .,;!? "));
    }

    [Fact]
    public void Vocabulary_is_ordered_by_frequency_then_ordinal_and_starts_with_specials()
    {
        var tok = WordTokenizer.Build(s_corpus, maxVocabularySize: 100);
        // the: 4, cat: 3, a: 2, dog: 2, sat: 2, then singletons in ordinal order.
        Assert.Equal(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat", "a", "dog", "sat", "2", "mat", "mats", "on", "ran"], tok.Tokens);
        Assert.Equal(WordTokenizer.PadId, tok.IdOf("[PAD]"));
        Assert.Equal(WordTokenizer.SepId, tok.IdOf("[SEP]"));
    }

    [Fact]
    public void Building_is_deterministic_and_independent_of_corpus_order()
    {
        var a = WordTokenizer.Build(s_corpus, 100);
        var b = WordTokenizer.Build(s_corpus.Reverse(), 100);
        Assert.Equal(a.Tokens, b.Tokens);
    }

    [Fact]
    public void Max_size_and_min_frequency_limit_the_vocabulary()
    {
        var tok = WordTokenizer.Build(s_corpus, maxVocabularySize: 6);
        Assert.Equal(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat"], tok.Tokens);
        var frequent = WordTokenizer.Build(s_corpus, maxVocabularySize: 100, minFrequency: 2);
        Assert.Equal(["the", "cat", "a", "dog", "sat"], frequent.Tokens.Skip(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => WordTokenizer.Build(s_corpus, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => WordTokenizer.Build(s_corpus, 10, minFrequency: 0));
    }

    [Fact]
    public void Encode_adds_specials_pads_and_masks_padding()
    {
        var tok = WordTokenizer.Build(s_corpus, 100);
        var e = tok.Encode("The cat!", maxLength: 6);
        Assert.Equal([WordTokenizer.ClsId, tok.IdOf("the"), tok.IdOf("cat"), WordTokenizer.SepId, 0, 0], e.Ids);
        Assert.Equal([false, false, false, false, true, true], e.PaddingMask);
        Assert.Equal(4, e.Length);
        Assert.Equal("[CLS] the cat [SEP]", tok.Decode(e.Ids));
    }

    [Fact]
    public void Encode_truncates_words_but_keeps_the_separator()
    {
        var tok = WordTokenizer.Build(s_corpus, 100);
        var e = tok.Encode("the cat sat on the mat", maxLength: 4);
        Assert.Equal([WordTokenizer.ClsId, tok.IdOf("the"), tok.IdOf("cat"), WordTokenizer.SepId], e.Ids);
        Assert.All(e.PaddingMask, Assert.False);
        var plain = tok.Encode("the cat sat", maxLength: 2, addSpecialTokens: false);
        Assert.Equal([tok.IdOf("the"), tok.IdOf("cat")], plain.Ids);
        Assert.Throws<ArgumentOutOfRangeException>(() => tok.Encode("the", maxLength: 2));
    }

    [Fact]
    public void Unknown_words_map_to_unk()
    {
        var tok = WordTokenizer.Build(s_corpus, 100);
        Assert.Equal([tok.IdOf("the"), WordTokenizer.UnkId, tok.IdOf("dog")], tok.Tokenize("the zebra DOG"));
        Assert.Equal(WordTokenizer.UnkId, tok.IdOf("Cat")); // lookups are exact; Tokenize lower-cases
        Assert.Throws<ArgumentOutOfRangeException>(() => tok.Pack([tok.VocabularySize], 5));
    }

    [Fact]
    public void Save_and_load_round_trip()
    {
        var tok = WordTokenizer.Build(s_corpus, 100);
        var path = Path.Combine(_dir, "vocab.json");
        tok.Save(path);
        var loaded = WordTokenizer.Load(path);
        Assert.Equal(tok.Tokens, loaded.Tokens);
        Assert.Equal(tok.Encode("a dog ran", 8).Ids, loaded.Encode("a dog ran", 8).Ids);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Theory]
    [InlineData("{\"format\": \"contrastive-word-vocabulary\", \"version\": 1, \"tokens\": [\"[PAD]\", \"[UNK]\", \"[CLS]\", \"[SEP]\", \"cat\", \"cat\"]}", "entry 5 'cat' repeats entry 4")]
    [InlineData("{\"format\": \"contrastive-word-vocabulary\", \"version\": 1, \"tokens\": [\"[PAD]\", \"[CLS]\", \"[UNK]\", \"[SEP]\"]}", "entry 1 must be the special token [UNK]")]
    [InlineData("{\"format\": \"contrastive-word-vocabulary\", \"version\": 1, \"tokens\": [\"[PAD]\", \"[UNK]\", \"[CLS]\", \"[SEP]\", \"Big Cat\"]}", "'Big Cat' is not a single lower-case word")]
    [InlineData("{\"format\": \"contrastive-word-vocabulary\", \"version\": 1, \"tokens\": [\"[PAD]\", \"[UNK]\", \"[CLS]\", \"[SEP]\", 7]}", "'tokens' entry 4 is Number")]
    [InlineData("{\"format\": \"contrastive-word-vocabulary\", \"version\": 2, \"tokens\": []}", "field 'version' must be 1")]
    [InlineData("{\"format\": \"bpe\", \"version\": 1, \"tokens\": []}", "field 'format'")]
    [InlineData("{\"format\": \"contrastive-word-vocabulary\", \"version\": 1}", "field 'tokens'")]
    [InlineData("[\"[PAD]\"]", "expected a JSON object")]
    [InlineData("{\"format\": \"contrastive-word-vocabulary\", \"tokens\": [", "not a JSON vocabulary file")]
    [InlineData("{\"format\": \"contrastive-word-vocabulary\", \"version\": \"1\", \"tokens\": []}", "field 'version' must be 1")]
    [InlineData("{\"format\": \"contrastive-word-vocabulary\", \"version\": 1, \"tokens\": [\"[PAD]\", \"\\udc00\"]}", "'tokens' entry 1 is not valid text")]
    public void Malformed_vocabulary_files_name_the_file_and_the_problem(string content, string problem)
    {
        Check(System.Text.Encoding.UTF8.GetBytes(content), problem);
    }

    [Fact]
    public void A_vocabulary_file_that_is_not_utf8_is_refused() => // found by the fuzzer
        Check([.. "{\"format\": \"contrastive-word-vocabulary\", \"version\": 1, \"tokens\": [\""u8, 0xC3, 0x28, .. "\"]}"u8], "not valid UTF-8");

    private void Check(byte[] content, string problem)
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllBytes(path, content);
        var ex = Assert.Throws<InvalidDataException>(() => WordTokenizer.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(problem, ex.Message);
    }
}
