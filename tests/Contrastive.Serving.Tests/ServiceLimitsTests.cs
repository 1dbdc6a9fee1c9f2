using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Contrastive.Data;
using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Training;
using Microsoft.AspNetCore.Builder;

namespace Contrastive.Serving.Tests;

/// <summary>The service's protections on a real socket: API keys, the body size limit, the concurrency limit, the
/// request timeout and /metrics.</summary>
public sealed class ServiceLimitsTests : IAsyncDisposable
{
    private const string Key = "0123456789abcdef0123";
    private const string Embeddings = "{\"embeddings\":[[1,0,0,0]],\"k\":1}";
    private WebApplication? _app;
    private HttpClient? _client;

    private async Task<HttpClient> Start(ServingOptions options)
    {
        var encoder = new MlpEncoder(new Rng(5), 4, [8], 4);
        var gallery = new ImageDataset([.. Enumerable.Range(0, 12).Select(i => i / 12f)], 3, 1, 2, 2, null, null, "gallery");
        var service = new EmbeddingService("test", new EncoderPool(new EncoderReplica(encoder)), new ImageQueryDecoder(1, 2, 2), Embedder.Embed(encoder, gallery), new Gallery("gallery", null, null));
        _app = ServingApp.Build(service, options, "http://127.0.0.1:0");
        await _app.StartAsync();
        return _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> Post(HttpClient client, string body, string? bearer = null, string? header = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/similar") { Content = Json(body) };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (header is not null) request.Headers.Add("X-API-Key", header);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task With_api_keys_only_healthz_is_open_and_a_wrong_or_missing_key_gets_401()
    {
        var client = await Start(new ServingOptions { ApiKeys = [Key] });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var missing = await Post(client, Embeddings);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("API key", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(client, Embeddings, bearer: Key + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(client, Embeddings, bearer: Key[..^1])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(client, Embeddings, bearer: Key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(client, Embeddings, header: Key)).StatusCode);
    }

    [Fact]
    public void Api_key_files_need_long_keys()
    {
        using var dir = new Testing.TempDirectory();
        Assert.Equal([Key], ServingOptions.ReadApiKeys(dir.Write("keys", $"# service keys\n\n{Key}\n")));
        Assert.Contains("key 1 is shorter than 16", Assert.Throws<InvalidDataException>(() => ServingOptions.ReadApiKeys(dir.Write("short", "secret\n"))).Message);
        Assert.Contains("no API key", Assert.Throws<InvalidDataException>(() => ServingOptions.ReadApiKeys(dir.Write("empty", "# none\n"))).Message);
    }

    [Fact]
    public async Task An_oversized_body_gets_413_and_the_service_keeps_answering()
    {
        var client = await Start(new ServingOptions { MaxBodyBytes = 4096 });
        var big = await Post(client, "{\"embeddings\":[[" + string.Join(",", Enumerable.Repeat("1", 4000)) + "]]}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("larger than the service's limit", await big.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Post(client, Embeddings)).StatusCode);
    }

    [Fact]
    public async Task Beyond_the_concurrency_limit_requests_get_503_with_retry_after_and_a_slow_body_times_out()
    {
        var client = await Start(new ServingOptions { MaxConcurrentRequests = 1, RequestTimeout = TimeSpan.FromSeconds(1) });
        var slow = new StalledContent();
        var stalled = client.PostAsync("/embed", slow);
        await slow.Sending.Task;
        var refused = await Post(client, Embeddings);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await stalled).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(client, Embeddings)).StatusCode);

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("contrastive_requests_total{path=\"/similar\",status=\"503\"} 1", metrics);
        Assert.Contains("contrastive_requests_total{path=\"/embed\",status=\"504\"} 1", metrics);
        Assert.Contains("contrastive_requests_total{path=\"/similar\",status=\"200\"} 1", metrics);
        Assert.Contains("contrastive_request_duration_seconds_count 3", metrics);
        Assert.Contains("contrastive_gallery_items 3", metrics);
    }

    /// <summary>A JSON body that sends its first bytes, stalls for 2.5 s (beyond the 1 s timeout) and ends unfinished
    /// (so without the timeout the reply would be a 400).</summary>
    private sealed class StalledContent : HttpContent
    {
        public TaskCompletionSource Sending { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StalledContent() => Headers.ContentType = new MediaTypeHeaderValue("application/json");

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("{\"embeddings\":"u8.ToArray());
            await stream.FlushAsync();
            Sending.SetResult();
            await Task.Delay(TimeSpan.FromSeconds(2.5));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
