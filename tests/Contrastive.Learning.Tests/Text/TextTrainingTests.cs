using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.Methods;
using Contrastive.Runs;
using Contrastive.Testing;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Text;

/// <summary>Text runs on the fixtures of tests/fixtures/text: every method and encoder trains (the loss falls), the
/// batches hold what each method needs, the evaluation compares with TF-IDF, and a saved run loads back.</summary>
public class TextTrainingTests
{
    private static string Fixture(string name) => Path.Combine(ReferenceData.RepositoryRoot, "tests", "fixtures", "text", name);

    private static TrainConfig Config(string method, string arch, string data, int epochs = 4) => TextRun.WithTextDefaults(new TrainConfig
    {
        Method = method,
        Arch = arch,
        Data = data,
        Epochs = epochs,
        Batch = 16,
        TextWidth = 16,
        TextLayers = arch == "gru" ? null : 1,
        Lr = 3e-3f,
        Seed = 1,
    }).WithResolvedDefaults();

    public static TheoryData<string, string, string> Runs => new()
    {
        { "pairs", "gru", "wordnet" },
        { "pairs", "transformer", "wordnet" },
        { "simcse", "gru", "fortunes" },
        { "triplet", "transformer", "wordnet-triplets" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_method_and_encoder_lowers_its_loss(string method, string arch, string corpus)
    {
        var config = Config(method, arch, corpus == "fortunes" ? "fortunes" : "wordnet", epochs: corpus == "fortunes" ? 8 : 4); // the fortune fixture is one batch an epoch
        config.Validate();
        var data = corpus switch
        {
            "wordnet" => WordNetCorpus.Load(Fixture("wordnet")),
            "wordnet-triplets" => Triplets(WordNetCorpus.Load(Fixture("wordnet"))),
            _ => FortunesCorpus.Load(Fixture("fortunes")),
        };
        var split = TextCorpusSplit.Of(data, 1);
        var (sentence, batches, tokenizer) = TextRun.Setup(config, split);
        using var dir = new TempDirectory();
        var metrics = new Trainer(config.ToTrainerOptions(), sentence, batches, dir.Path).Run();
        var (first, last) = (metrics.Take(2).Average(m => m.Loss), metrics.TakeLast(2).Average(m => m.Loss));
        Assert.True(last < first, $"loss {first} -> {last}");

        TextRun.SaveTokenizer(tokenizer, dir.Path);
        var (_, encoder, loaded) = TextRun.Load(dir.Path);
        var texts = split.Test.Anchors.Take(3).ToArray();
        Assert.Equal(Embedder.Embed(sentence.Model.Encoder, new TokenizedTexts(texts, tokenizer, 32)).ToArray(), Embedder.Embed(encoder, new TokenizedTexts(texts, loaded, 32)).ToArray());

        var (learned, baseline) = TextEvaluation.Evaluate(encoder, loaded, 32, split, knnK: 5);
        if (corpus != "fortunes") Assert.Equal(learned.Retrieval!.Queries, baseline.Retrieval!.Queries);
        else Assert.InRange(baseline.KnnAccuracy!.Value, 0, 1);
    }

    /// <summary>The pairs with, as each one's negative, the positive seven records on (another synset's example).</summary>
    private static TextCorpus Triplets(TextCorpus pairs) => new(TextRecordKind.Triplets, pairs.Anchors, pairs.Positives,
        [.. pairs.Positives!.Select((_, i) => pairs.Positives![(i + 7) % pairs.Count])], null, null, "triplets");

    [Fact]
    public void Batches_hold_the_views_each_method_needs()
    {
        var fortunes = TextCorpusSplit.Of(FortunesCorpus.Load(Fixture("fortunes")), 1).Train;
        var tokenizer = WordTokenizer.Build(fortunes.AllTexts(), 500);
        TrainingBatch First(TextMethod method, ITextAugmentation? augmentation = null) =>
            TextRun.Batches(new TextBatchViews(fortunes, tokenizer, 32, method, 3, augmentation), 8, 3, 1, 1).Epoch(0, 0, default).First();
        var triplets = First(TextMethod.Triplet);
        Assert.Equal(3, triplets.Views.Count);
        Assert.Equal(fortunes.Labels!.Where((_, i) => triplets.Indices.Contains(i)).Order(), triplets.Labels!.Order());
        var simcse = First(TextMethod.SimCse);
        Assert.Equal(simcse.Views[0].ToArray(), simcse.Views[1].ToArray()); // dropout alone makes the two views differ
        var augmented = First(TextMethod.SimCse, new RandomTokenDeletion(0.3));
        Assert.NotEqual(augmented.Views[0].ToArray(), augmented.Views[1].ToArray());
    }

    [Fact]
    public void Batches_grouped_by_length_pad_less_and_hold_the_same_records()
    {
        var pairs = TextCorpusSplit.Of(WordNetCorpus.Load(Fixture("wordnet")), 1).Train;
        var tokenizer = WordTokenizer.Build(pairs.AllTexts(), 500);
        var views = new TextBatchViews(pairs, tokenizer, 32, TextMethod.Pairs, 3);
        int Packed(string text) => tokenizer.Pack(tokenizer.Tokenize(text), 32).Length;
        Assert.Equal(Enumerable.Range(0, pairs.Count).Select(i => Math.Max(Packed(pairs.Anchors[i]), Packed(pairs.Positives![i]))), views.PackedLengths);
        TrainingBatch[] Epoch(int groups) => [.. TextRun.Batches(views, 8, 3, 1, groups).Epoch(0, 0, default)];
        static long Padded(IEnumerable<TrainingBatch> batches) => batches.Sum(b => b.Views.Sum(v => (long)v.Shape[0] * v.Shape[1]));
        var (plain, grouped) = (Epoch(1), Epoch(8));
        Assert.Equal(plain.SelectMany(b => b.Indices).Order(), grouped.SelectMany(b => b.Indices).Order());
        Assert.True(Padded(grouped) < 0.9 * Padded(plain), $"packed ids: grouped {Padded(grouped)}, plain {Padded(plain)}");
    }

    [Fact]
    public void Records_without_what_the_method_needs_are_refused()
    {
        var texts = new TextCorpus(TextRecordKind.Texts, ["a b", "c d", "e f"], null, null, null, null, "mem.jsonl");
        var pairs = new TextCorpus(TextRecordKind.Pairs, ["a", "b"], ["c", "d"], null, null, null, "pairs.jsonl");
        var tokenizer = WordTokenizer.Build(["a b c d e f"], 50);
        Assert.Contains("holds single texts", Assert.Throws<ArgumentException>(() => new TextBatchViews(texts, tokenizer, 8, TextMethod.Pairs, 0)).Message);
        Assert.Contains("needs triplets", Assert.Throws<ArgumentException>(() => new TextBatchViews(pairs, tokenizer, 8, TextMethod.Triplet, 0)).Message);
        Assert.Contains("--batch 4 is larger", Assert.Throws<ArgumentException>(() => TextRun.Batches(new TextBatchViews(texts, tokenizer, 8, TextMethod.SimCse, 0), 4, 0, 1, 1)).Message);
    }

    [Fact]
    public void Text_configs_take_text_defaults_and_are_validated()
    {
        var config = TextRun.WithTextDefaults(new TrainConfig { Method = "simcse", Data = "texts.jsonl" });
        Assert.Equal(("transformer", "adamw", 64, 0.05f, 0.1f), (config.Arch, config.Optimizer, config.Batch, config.Temperature, config.TextDropout));
        Assert.Equal(config, TextRun.WithTextDefaults(config));
        var image = new TrainConfig();
        Assert.Same(image, TextRun.WithTextDefaults(image));
        Assert.Contains("for text", Assert.Throws<ArgumentException>(() => (config with { Method = "byol" }).Validate()).Message);
        Assert.Contains("[0, 1)", Assert.Throws<ArgumentException>(() => (config with { TextDropout = 1f }).Validate()).Message);
        Assert.Contains("--text-augment", Assert.Throws<ArgumentException>(() => (config with { Method = "pairs", TextAugment = true }).Validate()).Message);
        Assert.Contains("and to text data", Assert.Throws<ArgumentException>(() => new TrainConfig { TextDropout = 0.1f }.Validate()).Message);
        Assert.Contains("one bidirectional layer", Assert.Throws<ArgumentException>(() => (config with { Arch = "gru" }).Validate()).Message);
        Assert.Contains("at least 1 batch, got 0", Assert.Throws<ArgumentException>(() => (config with { LengthGroups = 0 }).Validate()).Message);
        Assert.Contains("--length-groups", Assert.Throws<ArgumentException>(() => new TrainConfig { LengthGroups = 4 }.Validate()).Message);
    }

    [Theory]
    [InlineData("transformer")]
    [InlineData("gru")]
    public void Texts_embedded_by_length_come_back_in_order_as_each_alone(string arch)
    {
        var texts = TextCorpusSplit.Of(WordNetCorpus.Load(Fixture("wordnet")), 1).Test.Anchors.Take(40).ToArray();
        var tokenizer = WordTokenizer.Build(texts, 500, minFrequency: 1);
        var encoder = TextRun.CreateEncoder(Config("pairs", arch, "wordnet"), tokenizer.VocabularySize);
        var set = new TokenizedTexts(texts, tokenizer, 32);
        Assert.NotEqual(Enumerable.Range(0, texts.Length), set.EmbeddingOrder);
        var together = Embedder.Embed(encoder, set, batchSize: 16).ToArray();
        var alone = texts.SelectMany(t => Embedder.Embed(encoder, new TokenizedTexts([t], tokenizer, 32)).ToArray()).ToArray();
        Assert.Equal(alone.Length, together.Length);
        for (var i = 0; i < alone.Length; i++) Assert.True(Math.Abs(alone[i] - together[i]) < 1e-4f, $"element {i}: {together[i]} in a batch, {alone[i]} alone");
    }

    [Fact]
    public void TfIdf_weights_and_cosines_are_sklearn_defaults()
    {
        var tfidf = TfIdf.Fit(["the cat sat", "the dog sat", "a cat"]);
        var (q, g) = tfidf.Transform(["cat cat dog"], ["the cat", "zebra"]);
        Assert.Equal(1, q.Dim); // the only word both sides share is "cat"
        double Idf(int df) => Math.Log(4.0 / (1 + df)) + 1;
        var cat = 2 * Idf(2) / Math.Sqrt(Math.Pow(2 * Idf(2), 2) + Math.Pow(Idf(1), 2));
        TensorAssert.Close(cat, q.Row(0)[0], "query weight of cat");
        TensorAssert.Close(Idf(2) / Math.Sqrt(Idf(2) * Idf(2) + Idf(2) * Idf(2)), g.Row(0)[0], "gallery weight of cat");
        Assert.Equal(0f, g.Row(1)[0]);
    }
}
