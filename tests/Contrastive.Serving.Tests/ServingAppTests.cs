using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Contrastive.Data;
using Contrastive.Data.Formats.Images;
using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Training;
using Microsoft.AspNetCore.Builder;

namespace Contrastive.Serving.Tests;

/// <summary>The HTTP service end to end on a real socket: a small MLP image encoder over a 12-image gallery.</summary>
public sealed class ServingAppTests : IAsyncLifetime, IDisposable
{
    private const int Side = 12;
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly ImageDataset _gallery = Gallery(count: 12);
    private readonly MlpEncoder _encoder = new(new Rng(5), Side * Side, [32], 16);
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        var service = new EmbeddingService("test model", new EncoderPool(new EncoderReplica(_encoder)), new ImageQueryDecoder(1, Side, Side),
            Embedder.Embed(_encoder, _gallery), new Serving.Gallery("synthetic", _gallery.Labels, ["dark", "bright"]));
        _app = ServingApp.Build(service, "http://127.0.0.1:0");
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    public void Dispose() => _client?.Dispose();

    [Fact]
    public async Task Healthz_says_what_is_served()
    {
        var health = await Client.GetFromJsonAsync<HealthReply>("/healthz", s_json);
        Assert.Equal(new HealthReply("ok", "test model", "1x12x12 images", "synthetic", 12, 16), health);
    }

    [Fact]
    public async Task Embed_gives_the_encoder_output_of_each_image()
    {
        var reply = await Post<EmbedReply>("/embed", new { images = new[] { Png(3), Png(8) } });
        Assert.Equal(16, reply.Dim);
        var expected = Embedder.Embed(_encoder, _gallery).ToArray();
        for (var i = 0; i < 2; i++)
        {
            var row = new[] { 3, 8 }[i];
            for (var j = 0; j < 16; j++) Assert.Equal(expected[row * 16 + j], reply.Embeddings[i][j], 5);
        }
    }

    [Fact]
    public async Task Similar_finds_the_gallery_image_itself_first_whether_sent_as_image_or_embedding()
    {
        var byImage = await Post<SimilarReply>("/similar", new { images = new[] { Png(5) }, k = 3 });
        var hits = Assert.Single(byImage.Results);
        Assert.Equal(3, hits.Length);
        Assert.Equal(5, hits[0].Index);
        Assert.Equal(1f, hits[0].Similarity, 5);
        Assert.Equal(_gallery.Labels![5] == 1 ? "bright" : "dark", hits[0].Label);
        Assert.True(hits[0].Similarity >= hits[1].Similarity && hits[1].Similarity >= hits[2].Similarity);

        var embedding = (await Post<EmbedReply>("/embed", new { images = new[] { Png(5) } })).Embeddings[0];
        var byEmbedding = await Post<SimilarReply>("/similar", new { embeddings = new[] { embedding }, k = 3 });
        Assert.Equal(hits.Select(h => h.Index), byEmbedding.Results[0].Select(h => h.Index));
    }

    [Theory]
    [InlineData("/similar", "{\"imgs\": []}", "imgs")]
    [InlineData("/embed", "{\"images\": [", "not a valid request")]
    [InlineData("/embed", "", "not a valid request")]
    [InlineData("/embed", "null", "request body is null")]
    [InlineData("/embed", "{}", "no \\\"images\\\", \\\"rows\\\" or \\\"texts\\\"; this model takes 1x12x12 images")]
    [InlineData("/embed", "{\"texts\": [\"a shoe\"]}", "this model does not embed texts (a CLIP run or a text run does)")]
    [InlineData("/embed", "{\"images\": [\"AAAA\"], \"texts\": [\"a shoe\"]}", "not several")]
    [InlineData("/embed", "{\"images\": []}", "holds 0 items")]
    [InlineData("/embed", "{\"images\": [\"%%%\"]}", "images[0] is not valid base64")]
    [InlineData("/embed", "{\"images\": [\"AAAA\"]}", "images[0]: unrecognised image format")]
    [InlineData("/embed", "{\"rows\": [[1, 2]]}", "not feature rows")]
    [InlineData("/similar", "{\"images\": [\"AAAA\"], \"embeddings\": [[1]]}", "not several")]
    [InlineData("/similar", "{\"embeddings\": [[1, 2]]}", "embeddings[0] has 2 values; the index holds 16-dimensional embeddings")]
    [InlineData("/similar", "{\"embeddings\": [[1, 2]], \"k\": 0}", "k is 0")]
    public async Task Bad_requests_get_400_and_the_reason(string path, string body, string reason)
    {
        using var response = await Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Contains(reason, StringComparison.Ordinal), $"'{reason}' not in: {text}");
    }

    [Fact]
    public async Task More_items_than_the_limit_are_refused()
    {
        var images = Enumerable.Repeat(Png(0), EmbeddingService.MaxItems + 1).ToArray();
        using var response = await Client.PostAsJsonAsync("/embed", new { images });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"send 1 to {EmbeddingService.MaxItems} per request", await response.Content.ReadAsStringAsync());
    }

    private async Task<T> Post<T>(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(s_json))!;
    }

    private string Png(int index) => Convert.ToBase64String(PngEncoder.Encode(_gallery.Image(index), 1, Side, Side));

    /// <summary>Grey images on the 8-bit grid (so a PNG round trip is exact): dark or bright noise, alternately labelled 0 / 1.</summary>
    private static ImageDataset Gallery(int count)
    {
        var rng = new Rng(9);
        var labels = Enumerable.Range(0, count).Select(i => i % 2).ToArray();
        var pixels = new float[count * Side * Side];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = MathF.Round(255 * Math.Clamp(0.3f + 0.4f * labels[i / (Side * Side)] + 0.2f * rng.NextGaussian(), 0f, 1f)) / 255f;
        return new ImageDataset(pixels, count, 1, Side, Side, labels, null, "synthetic");
    }
}
