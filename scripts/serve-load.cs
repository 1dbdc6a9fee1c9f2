#:project ../src/Contrastive.Serving/Contrastive.Serving.csproj
#:property PublishAot=false
// Loopback load test of the service: ServingApp in-process on 127.0.0.1 with the bench ConvNet over the 2,000 demo test
// images, then N requests (default 10,000) from C concurrent clients (default 32): 80% /similar with one PNG image
// (k 10), 10% /embed with four, 5% malformed JSON (must get 400) and 5% bodies over the 1 MiB limit (must get 413).
// Any other status is an error. Prints p50 / p99 latency of the valid requests and the throughput. The service encodes
// with E replicas of the encoder at once (default 2, as `serve --encoders`).
//   dotnet run -c Release scripts/serve-load.cs -- [requests] [concurrency] [encoders]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Contrastive.Data.Datasets;
using Contrastive.Data.Formats.Images;
using Contrastive.Models;
using Contrastive.Serving;
using Contrastive.Tensors;
using Contrastive.Training;

var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
var encoders = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
var gallery = DemoDataset.Load().Test;
var encoder = new BenchEncoder(new Rng(0));
// every replica from the same seed: the same weights
var pool = EncoderPool.Load(encoders, i => new EncoderReplica(i == 0 ? encoder : new BenchEncoder(new Rng(0))));
var service = new EmbeddingService("bench (untrained)", pool, new ImageQueryDecoder(1, 28, 28), Embedder.Embed(encoder, gallery),
    new Gallery("demo test", gallery.Labels, gallery.ClassNames));
var options = new ServingOptions { MaxBodyBytes = 1 << 20, MaxConcurrentRequests = 2 * concurrency };
await using var app = ServingApp.Build(service, options, "http://127.0.0.1:0");
await app.StartAsync();
using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

string Png(int i) => Convert.ToBase64String(PngEncoder.Encode(gallery.Image(i % gallery.Count), 1, 28, 28));
var bodies = Enumerable.Range(0, 100).Select((int i) => i switch
{
    < 80 => ("/similar", $"{{\"images\":[\"{Png(i)}\"],\"k\":10}}", HttpStatusCode.OK),
    < 90 => ("/embed", $"{{\"images\":[\"{Png(i)}\",\"{Png(i + 1)}\",\"{Png(i + 2)}\",\"{Png(i + 3)}\"]}}", HttpStatusCode.OK),
    < 95 => ("/similar", "{\"images\":[\"" + Png(i)[..20], HttpStatusCode.BadRequest),
    _ => ("/embed", "{\"images\":[\"" + new string('A', 1_500_000) + "\"]}", HttpStatusCode.RequestEntityTooLarge),
}).Select(b => (Path: b.Item1, Body: b.Item2, Expected: b.Item3)).ToArray();

var latencies = new double[requests];
var valid = new bool[requests];
var (errors, resets) = (0, 0);
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (r, cancel) =>
{
    var (path, body, expected) = bodies[(int)((uint)(r * 2654435761u) % bodies.Length)];
    var start = Stopwatch.GetTimestamp();
    HttpResponseMessage response;
    try
    {
        response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), cancel);
    }
    catch (HttpRequestException) when (expected == HttpStatusCode.RequestEntityTooLarge)
    {
        // Kestrel answers 413 before reading the body and may then close the connection while the client still sends.
        Interlocked.Increment(ref resets);
        return;
    }
    using var _ = response;
    await response.Content.ReadAsByteArrayAsync(cancel);
    latencies[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    valid[r] = expected == HttpStatusCode.OK;
    if (response.StatusCode != expected)
    {
        Interlocked.Increment(ref errors);
        Console.Error.WriteLine($"request {r} {path}: {(int)response.StatusCode}, expected {(int)expected}");
    }
});
var seconds = clock.Elapsed.TotalSeconds;
var ok = latencies.Where((_, i) => valid[i]).Order().ToArray();
double Percentile(double p) => ok[Math.Min(ok.Length - 1, (int)(p * ok.Length))];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{requests} requests at concurrency {concurrency} in {seconds:F1} s: {requests / seconds:F0} requests/s, {errors} errors; " +
    $"{ok.Length} valid: p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms; {requests - ok.Length - resets} malformed or oversized answered 400 / 413, {resets} oversized cut off after the 413"));
return errors == 0 ? 0 : 1;
