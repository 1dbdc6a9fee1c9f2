using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Contrastive.Data.Datasets;
using Contrastive.Data.Formats;
using Contrastive.Serving;
using Contrastive.Testing;
using Microsoft.AspNetCore.Builder;

namespace Contrastive.Cli.Tests;

/// <summary>A tiny text run (a GRU of width 8 trained one epoch on the WordNet fixture's pairs) and the service over it:
/// the gallery is the run's texts, queries are texts.</summary>
public sealed class TinyTextRun : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-text-serving");
    private WebApplication? _app;

    /// <summary>The JSONL file of (gloss, example) pairs, glosses repeated once per example.</summary>
    public string Pairs => Path.Combine(_temp.Path, "pairs.jsonl");

    /// <summary>The run directory.</summary>
    public string Run => Path.Combine(_temp.Path, "run");

    /// <summary>The anchor text of every record, in file order.</summary>
    public IReadOnlyList<string> Anchors { get; private set; } = [];

    /// <summary>`contrastive embed --split all` of the run: one row per record.</summary>
    public float[] Embedded { get; private set; } = [];

    /// <summary>The service over every record's text (--split all).</summary>
    public EmbeddingService Service { get; private set; } = null!;

    /// <summary>A client of the service on a loopback port.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The embedding dimension (the GRU's two directions of 8).</summary>
    public const int Dim = 16;

    public async Task InitializeAsync()
    {
        var pairs = WordNetCorpus.Load(Path.Combine(ReferenceData.RepositoryRoot, "tests", "fixtures", "text", "wordnet"));
        File.WriteAllLines(Pairs, pairs.Anchors.Select((a, i) => JsonSerializer.Serialize(new { anchor = a, positive = pairs.Positives![i] })));
        Anchors = pairs.Anchors;
        var output = new StringWriter();
        var code = await CliApp.RunAsync(["train", "--data", Pairs, "--method", "pairs", "--arch", "gru", "--epochs", "1", "--batch", "8",
            "--text-width", "8", "--out", Run, "--threads", "1"], output, output);
        Assert.True(code == 0, output.ToString());
        var npy = Path.Combine(_temp.Path, "all.npy");
        code = await CliApp.RunAsync(["embed", "--model", Run, "--data", Pairs, "--split", "all", "--out", npy], output, output);
        Assert.True(code == 0, output.ToString());
        Embedded = NpyFile.Read(npy).Float32.ToArray();
        Service = ServiceFromRun.Texts(Run, TextDataResolver.Load(Pairs));
        _app = ServingApp.Build(Service, "http://127.0.0.1:0");
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    public void Dispose()
    {
        Client?.Dispose();
        _temp.Dispose();
    }
}

/// <summary>/embed and /similar on a text run's service: shapes of the replies, the gallery's texts in the hits, and
/// bad requests answered with 400 and a message saying what was wrong; <c>contrastive serve</c> on a text run.</summary>
public sealed class TextServingTests(TinyTextRun run) : IClassFixture<TinyTextRun>
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Healthz_says_the_run_takes_texts_and_indexes_each_distinct_text_once()
    {
        var health = await run.Client.GetFromJsonAsync<HealthReply>("/healthz", s_json);
        var distinct = run.Anchors.Distinct().Count();
        Assert.True(distinct < run.Anchors.Count); // the fixture repeats glosses, one record per example
        Assert.Equal(new HealthReply("ok", "pairs --arch gru", "texts (up to 32 tokens)", run.Pairs, distinct, TinyTextRun.Dim), health);
    }

    [Fact]
    public void A_second_start_reloads_the_gallery_embeddings_while_model_and_texts_are_unchanged()
    {
        var again = ServiceFromRun.Texts(run.Run, TextDataResolver.Load(run.Pairs));
        Assert.True(again.IndexReloaded);
        Assert.Equal(run.Service.Index.Count, again.Index.Count);
        var fewer = TextDataResolver.Load(run.Pairs);
        var other = ServiceFromRun.Texts(run.Run, fewer.Subset([.. Enumerable.Range(0, fewer.Count / 2)], "the first half of the records"));
        Assert.False(other.IndexReloaded);
    }

    [Fact]
    public async Task Embed_gives_what_contrastive_embed_writes_for_the_same_texts()
    {
        int[] rows = [0, 5, run.Anchors.Count - 1];
        using var response = await run.Client.PostAsJsonAsync("/embed", new { texts = rows.Select(r => run.Anchors[r]) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["dim", "embeddings"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var reply = JsonSerializer.Deserialize<EmbedReply>(body, s_json)!;
        Assert.Equal(TinyTextRun.Dim, reply.Dim);
        Assert.Equal(rows.Length, reply.Embeddings.Length);
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < TinyTextRun.Dim; j++) Assert.Equal(run.Embedded[rows[i] * TinyTextRun.Dim + j], reply.Embeddings[i][j], 4);
    }

    [Fact]
    public async Task Similar_answers_with_the_gallery_texts_best_first_the_query_itself_at_the_top()
    {
        var query = run.Anchors[7];
        using var response = await run.Client.PostAsJsonAsync("/similar", new { texts = new[] { query, "a free text that is in no record" }, k = 4 });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var first = json.RootElement.GetProperty("results")[0][0];
        Assert.Equal(["index", "similarity", "label", "text"], first.EnumerateObject().Select(p => p.Name));
        var reply = JsonSerializer.Deserialize<SimilarReply>(body, s_json)!;
        Assert.Equal(2, reply.Results.Length);
        Assert.All(reply.Results, hits => Assert.Equal(4, hits.Length));
        var best = reply.Results[0][0];
        Assert.Equal(query, best.Text);
        Assert.Equal(1f, best.Similarity, 4);
        Assert.Equal(run.Anchors.ToList().IndexOf(query), best.Index); // the row of the first record holding the text
        Assert.Null(best.Label); // pairs carry no labels
        foreach (var hits in reply.Results)
        {
            Assert.Equal(hits.Length, hits.Select(h => h.Text).Distinct().Count()); // a repeated gloss is one gallery item
            Assert.All(hits, h => Assert.Equal(run.Anchors[h.Index], h.Text));
            Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
        }
    }

    [Theory]
    [InlineData("/embed", "{}", "has no \"images\", \"rows\" or \"texts\"")]
    [InlineData("/similar", "{\"k\": 3}", "has no \"images\", \"rows\" or \"texts\"")]
    [InlineData("/embed", "{\"texts\": \"one text\"}", "not a valid request")]
    [InlineData("/similar", "{\"texts\": [1, 2]}", "not a valid request")]
    [InlineData("/similar", "{\"texts\": [\"a\"], \"k\": \"ten\"}", "not a valid request")]
    [InlineData("/embed", "{\"texts\": []}", "\"texts\" holds 0 items; send 1 to 256")]
    [InlineData("/similar", "{\"texts\": [], \"k\": 3}", "\"texts\" holds 0 items; send 1 to 256")]
    [InlineData("/embed", "{\"texts\": [\"a\", null]}", "texts[1] is null")]
    [InlineData("/similar", "{\"texts\": [\"a\"], \"k\": 0}", "k is 0")]
    [InlineData("/embed", "{\"text\": [\"a\"]}", "text")]
    [InlineData("/embed", "{\"images\": [\"iVBORw0K\"]}", "this model takes texts (up to 32 tokens), not images; send \"texts\"")]
    [InlineData("/embed", "{\"rows\": [[1, 2]]}", "not feature rows; send \"texts\"")]
    [InlineData("/similar", "{\"texts\": [\"a\"], \"embeddings\": [[1]]}", "not several")]
    public async Task Bad_requests_get_400_with_a_message_naming_the_problem(string path, string body, string expected)
    {
        var (status, error) = await Post(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/embed")]
    [InlineData("/similar")]
    public async Task Too_many_texts_get_400(string path)
    {
        var (status, error) = await Post(path, JsonSerializer.Serialize(new { texts = Enumerable.Repeat("a gloss", EmbeddingService.MaxItems + 1) }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"\"texts\" holds {EmbeddingService.MaxItems + 1} items; send 1 to {EmbeddingService.MaxItems} per request", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_command_serves_a_labelled_text_run_with_labels_and_texts_in_the_hits()
    {
        using var temp = new TempDirectory("contrastive-text-serve-cli");
        var fortunes = FortunesCorpus.Load(Path.Combine(ReferenceData.RepositoryRoot, "tests", "fixtures", "text", "fortunes"));
        var data = Path.Combine(temp.Path, "fortunes.jsonl");
        File.WriteAllLines(data, fortunes.Anchors.Select((t, i) => JsonSerializer.Serialize(new { text = t, label = fortunes.ClassNames![fortunes.Labels![i]] })));
        var textRun = Path.Combine(temp.Path, "run");
        var output = new StringWriter();
        var code = await CliApp.RunAsync(["train", "--data", data, "--method", "pairs", "--arch", "transformer", "--text-layers", "1", "--text-width", "8",
            "--epochs", "1", "--batch", "8", "--out", textRun, "--threads", "1"], output, output);
        Assert.True(code == 0, output.ToString());

        using var served = new StringWriter();
        var synchronized = TextWriter.Synchronized(served);
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var serving = CliApp.RunAsync(["serve", "--model", textRun, "--data", data, "--split", "test", "--urls", "http://127.0.0.1:0"], synchronized, error, stop.Token);
        var url = await ServingUrl.WaitFor(served, serving);
        using (var client = new HttpClient { BaseAddress = new Uri(url) })
        {
            var held = Data.Text.TextCorpusSplit.Of(TextDataResolver.Load(data), seed: 0).Test;
            var health = await client.GetFromJsonAsync<HealthReply>("/healthz", s_json);
            Assert.Equal(held.Count, health!.Indexed);
            Assert.Equal("texts (up to 32 tokens)", health.Input);
            var query = held.Anchors[0];
            using var response = await client.PostAsJsonAsync("/similar", new { texts = new[] { query }, k = 2 });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            var best = JsonSerializer.Deserialize<SimilarReply>(body, s_json)!.Results[0][0];
            Assert.Equal(query, best.Text);
            Assert.Equal(0, best.Index);
            Assert.Equal(held.ClassNames![held.Labels![0]], best.Label);
        }
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("", error.ToString());
    }

    private async Task<(HttpStatusCode Status, string Error)> Post(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await run.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using var json = JsonDocument.Parse(text);
            return (response.StatusCode, json.RootElement.GetProperty("error").GetString()!);
        }
        return (response.StatusCode, text);
    }
}
