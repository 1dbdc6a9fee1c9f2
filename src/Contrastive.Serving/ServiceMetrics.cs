using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Contrastive.Serving;

/// <summary>
/// Request counters for <c>GET /metrics</c>, in the Prometheus text format (version 0.0.4): requests by path and
/// status, their latency (a histogram in seconds), requests in flight, and the gallery's size.
/// </summary>
internal sealed class ServiceMetrics
{
    private static readonly double[] s_buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<(string Path, int Status), long> _requests = new();
    private readonly long[] _bucketCounts = new long[s_buckets.Length];
    private long _latencyCount;
    private long _latencyMicroseconds;
    private long _inFlight;

    /// <summary>A request started.</summary>
    public void Started() => Interlocked.Increment(ref _inFlight);

    /// <summary>A request ended with <paramref name="status"/> after <paramref name="elapsed"/>.</summary>
    public void Finished(string path, int status, TimeSpan elapsed)
    {
        Interlocked.Decrement(ref _inFlight);
        _requests.AddOrUpdate((Known(path), status), 1, (_, n) => n + 1);
        Interlocked.Increment(ref _latencyCount);
        Interlocked.Add(ref _latencyMicroseconds, (long)(elapsed.TotalMilliseconds * 1000));
        for (var b = 0; b < s_buckets.Length; b++)
            if (elapsed.TotalSeconds <= s_buckets[b]) Interlocked.Increment(ref _bucketCounts[b]);
    }

    /// <summary>The metrics as Prometheus text.</summary>
    public string Render(int galleryItems)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append("# HELP contrastive_requests_total HTTP requests by path and status.\n# TYPE contrastive_requests_total counter\n");
        foreach (var ((path, status), count) in _requests.OrderBy(kv => kv.Key.Path, StringComparer.Ordinal).ThenBy(kv => kv.Key.Status))
            text.Append(c, $"contrastive_requests_total{{path=\"{path}\",status=\"{status}\"}} {count}\n");
        text.Append("# HELP contrastive_request_duration_seconds Time from a request's start to its reply.\n# TYPE contrastive_request_duration_seconds histogram\n");
        for (var b = 0; b < s_buckets.Length; b++)
            text.Append(c, $"contrastive_request_duration_seconds_bucket{{le=\"{s_buckets[b]}\"}} {Interlocked.Read(ref _bucketCounts[b])}\n");
        var observed = Interlocked.Read(ref _latencyCount);
        text.Append(c, $"contrastive_request_duration_seconds_bucket{{le=\"+Inf\"}} {observed}\n");
        text.Append(c, $"contrastive_request_duration_seconds_sum {Interlocked.Read(ref _latencyMicroseconds) / 1e6}\n");
        text.Append(c, $"contrastive_request_duration_seconds_count {observed}\n");
        text.Append(c, $"# HELP contrastive_requests_in_flight Requests being handled.\n# TYPE contrastive_requests_in_flight gauge\ncontrastive_requests_in_flight {Interlocked.Read(ref _inFlight)}\n");
        text.Append(c, $"# HELP contrastive_gallery_items Items the similarity search covers.\n# TYPE contrastive_gallery_items gauge\ncontrastive_gallery_items {galleryItems}\n");
        return text.ToString();
    }

    /// <summary>The path as a label: the service's own endpoints, anything else as "other" (so random paths cannot grow the series).</summary>
    private static string Known(string path) => path is "/embed" or "/similar" or "/healthz" or "/metrics" ? path : "other";
}
