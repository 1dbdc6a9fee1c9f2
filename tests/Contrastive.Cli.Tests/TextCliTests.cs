using Contrastive.Data.Formats;
using Contrastive.Testing;

namespace Contrastive.Cli.Tests;

/// <summary>The contrastive command on text records: train (learned next to TF-IDF) and embed end to end, and one-line errors.</summary>
public sealed class TextCliTests() : CliTestBase("cli-text")
{
    /// <summary>(gloss, example) pairs of the WordNet fixture as a JSONL file.</summary>
    private string WritePairs()
    {
        var pairs = Data.Datasets.WordNetCorpus.Load(Path.Combine(ReferenceData.RepositoryRoot, "tests", "fixtures", "text", "wordnet"));
        var path = Path.Combine(Dir, "pairs.jsonl");
        File.WriteAllLines(path, pairs.Anchors.Select((a, i) => System.Text.Json.JsonSerializer.Serialize(new { anchor = a, positive = pairs.Positives![i] })));
        return path;
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("transformer")]
    public async Task Train_prints_learned_next_to_tfidf_and_embed_writes_one_row_per_text(string arch)
    {
        var pairs = WritePairs();
        var run = Path.Combine(Dir, "run-" + arch);
        string[] layers = arch == "gru" ? [] : ["--text-layers", "1"];
        var train = await Run(["train", "--data", pairs, "--method", "pairs", "--arch", arch, "--epochs", "1", "--batch", "16",
            "--text-width", "16", .. layers, "--out", run, "--threads", "2"]);
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("recall@10: learned encoder", train.Out);
        Assert.Contains(", TF-IDF ", train.Out);
        Assert.True(File.Exists(Path.Combine(run, "tokenizer.json")));
        Assert.True(File.Exists(Path.Combine(run, "text-eval.json")));
        var report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains("<h2>Held-out figures</h2>", report);
        Assert.Contains("<th>learned encoder</th><th>TF-IDF</th>", report);
        Assert.Contains("<td>recall@10</td>", report);
        Assert.Contains("<h2>Training loss</h2>", report);
        Assert.Contains($"<td>arch</td><td>{arch}</td>", report);

        var eval = await Run("eval", "--model", run, "--data", pairs);
        Assert.True(eval.Code == 0, eval.Err);
        Assert.Equal(Figures(train.Out), Figures(eval.Out)); // eval repeats what train printed, on the run's split

        var npy = Path.Combine(Dir, "texts.npy");
        var embed = await Run("embed", "--model", run, "--data", pairs, "--split", "all", "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);
        var array = NpyFile.Read(npy);
        Assert.Equal([File.ReadAllLines(pairs).Length, arch == "gru" ? 32 : 16], array.Shape);
    }

    [Fact]
    public async Task Minilm_backbone_evaluates_as_it_comes_and_fine_tunes_on_its_wordpiece_vocabulary()
    {
        var pairs = WritePairs();
        var asItComes = await Run("eval", "--backbone", "minilm", "--data", pairs, "--out", Path.Combine(Dir, "minilm-as-it-comes"));
        Assert.True(asItComes.Code == 0, asItComes.Err);
        // The pre-trained sentence encoder retrieves a gloss's example sentences far better than shared words do.
        var recall = Recall10(asItComes.Out);
        Assert.True(recall.Model > recall.TfIdf + 0.1, asItComes.Out);
        var report = File.ReadAllText(Path.Combine(Dir, "minilm-as-it-comes", "report.html"));
        Assert.Contains("<th>minilm as it comes</th><th>TF-IDF</th>", report);
        Assert.DoesNotContain("Training loss", report); // nothing was trained

        var run = Path.Combine(Dir, "run-minilm");
        var train = await Run("train", "--data", pairs, "--backbone", "minilm", "--method", "pairs", "--epochs", "1", "--batch", "16",
            "--max-text-length", "16", "--out", run, "--threads", "2");
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("recall@10: learned encoder", train.Out);
        Assert.False(File.Exists(Path.Combine(run, "tokenizer.json"))); // the backbone's WordPiece vocabulary ships with it
        var eval = await Run("eval", "--model", run, "--data", pairs);
        Assert.True(eval.Code == 0, eval.Err);
        Assert.Equal(Figures(train.Out), Figures(eval.Out));

        // embed and the service read the fine-tuned MiniLM run like any text run, and agree
        var npy = Path.Combine(Dir, "minilm.npy");
        var embed = await Run("embed", "--model", run, "--data", pairs, "--split", "all", "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);
        var array = NpyFile.Read(npy);
        Assert.Equal([File.ReadAllLines(pairs).Length, 384], array.Shape);
        var corpus = Data.Datasets.TextDataResolver.Load(pairs);
        var service = Serving.ServiceFromRun.Texts(run, corpus);
        Assert.Equal("pairs --arch minilm", service.Description);
        var served = service.Embed(new Serving.QueryItems { Texts = [corpus.Anchors[3]] });
        TensorAssert.Close(array.Float32.Slice(3 * 384, 384), served.Span, "served MiniLM embedding", rel: 1e-4, abs: 1e-5);
        var hit = service.Similar(new Serving.SimilarQuery { Texts = [corpus.Anchors[3]], K = 1 }).Single().Single();
        Assert.Equal(corpus.Anchors[3], hit.Text);
    }

    /// <summary>The lines of printed figures (recall, MRR, kNN, probe).</summary>
    private static string[] Figures(string output) =>
        [.. output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("recall@", StringComparison.Ordinal) || l.StartsWith("MRR", StringComparison.Ordinal)
            || l.StartsWith("kNN", StringComparison.Ordinal) || l.StartsWith("linear probe", StringComparison.Ordinal))];

    /// <summary>recall@10 of the model and of TF-IDF from a printed line "recall@10: NAME 12.34 %, TF-IDF 5.67 %".</summary>
    private static (double Model, double TfIdf) Recall10(string output)
    {
        var line = Figures(output).Single(l => l.StartsWith("recall@10:", StringComparison.Ordinal));
        var percents = System.Text.RegularExpressions.Regex.Matches(line, @"([0-9.]+) %").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) / 100).ToArray();
        return (percents[0], percents[1]);
    }

    [Fact]
    public async Task Train_limit_trains_on_a_seeded_subset_keeps_the_held_out_part_and_is_written_to_the_config()
    {
        var pairs = WritePairs();
        var split = Data.Text.TextCorpusSplit.Of(Data.Datasets.TextDataResolver.Load(pairs), seed: 0);
        Assert.True(split.Train.Count > 10);
        var limited = split.WithTrainLimit(10, seed: 0);
        Assert.Equal(10, limited.Train.Count);
        Assert.Same(split.Test, limited.Test);
        Assert.All(limited.Train.Anchors, a => Assert.Contains(a, split.Train.Anchors));
        Assert.Equal(limited.Train.Anchors, split.WithTrainLimit(10, seed: 0).Train.Anchors); // seeded: the same subset again
        Assert.Same(split, split.WithTrainLimit(split.Train.Count, seed: 0));

        var run = Path.Combine(Dir, "run-limited");
        var train = await Run("train", "--data", pairs, "--method", "pairs", "--arch", "gru", "--epochs", "1", "--batch", "4",
            "--text-width", "8", "--train-limit", "12", "--out", run, "--threads", "1");
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains($": 12 train (--train-limit: 12 of {split.Train.Count}) / {split.Test.Count} held-out", train.Out);
        Assert.Contains("1 epochs x 3 steps", train.Out); // 12 pairs in batches of 4
        using (var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
            Assert.Equal(12, config.RootElement.GetProperty("train-limit").GetInt32());
        var eval = await Run("eval", "--model", run, "--data", pairs);
        Assert.True(eval.Code == 0, eval.Err);
        Assert.Equal(Figures(train.Out), Figures(eval.Out)); // the held-out part is the whole data's

        AssertOneLineError(await Run("train", "--data", pairs, "--method", "pairs", "--train-limit", "0", "--out", Path.Combine(Dir, "r0")), "--train-limit", "positive", "got 0");
        AssertOneLineError(await Run("train", "--data", pairs, "--method", "pairs", "--train-limit", "-3", "--out", Path.Combine(Dir, "r0")), "--train-limit", "got -3");
        var notANumber = await Run("train", "--data", pairs, "--method", "pairs", "--train-limit", "many", "--out", Path.Combine(Dir, "r0"));
        Assert.Equal(2, notANumber.Code);
        Assert.Contains("--train-limit", notANumber.Err);
        AssertOneLineError(await Run("train", "--data", "demo", "--train-limit", "100", "--out", Path.Combine(Dir, "r0")), "--train-limit", "text run", "--data demo");
    }

    [Fact]
    public async Task Bad_text_data_and_options_are_one_line_errors()
    {
        var bad = Path.Combine(Dir, "bad.jsonl");
        File.WriteAllText(bad, "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \"c\"}\n");
        AssertOneLineError(await Run("train", "--data", bad, "--method", "pairs", "--out", Path.Combine(Dir, "r1")), "bad.jsonl", "line 2", "'positive'");
        AssertOneLineError(await Run("train", "--data", WritePairs(), "--method", "byol", "--arch", "gru", "--out", Path.Combine(Dir, "r2")), "unknown method 'byol'", "for text");
    }
}
