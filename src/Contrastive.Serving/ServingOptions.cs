namespace Contrastive.Serving;

/// <summary>How the service protects itself: who may call it, how big and how many requests it takes, how long one
/// may take.</summary>
public sealed record ServingOptions
{
    /// <summary>The accepted API keys; empty means no authentication. With keys, every endpoint but <c>/healthz</c> needs
    /// <c>Authorization: Bearer KEY</c> (or <c>X-API-Key: KEY</c>) and answers 401 without a valid one.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>The largest request body in bytes (default 16 MiB, room for 256 base64 images); larger ones get 413.</summary>
    public long MaxBodyBytes { get; init; } = 16L << 20;

    /// <summary>Requests handled at once (default 2 per core); more get 503 with <c>Retry-After: 1</c>.</summary>
    public int MaxConcurrentRequests { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>How long a request may take from its start (default 30 s); a request still being read or answered then is
    /// cancelled with 504.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads API keys from a file: one per line, blank lines and lines starting with '#' ignored.</summary>
    /// <exception cref="InvalidDataException">The file holds no key, or a key shorter than 16 characters or with whitespace.</exception>
    public static IReadOnlyList<string> ReadApiKeys(string path)
    {
        var keys = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (keys.Count == 0) throw new InvalidDataException($"{path}: no API key (one per line)");
        foreach (var (key, line) in keys.Select((k, i) => (k, i + 1)))
            if (key.Length < 16 || key.Any(char.IsWhiteSpace))
                throw new InvalidDataException($"{path}: key {line} is shorter than 16 characters or holds whitespace; use a long random key (e.g. openssl rand -hex 32)");
        return keys;
    }

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (MaxBodyBytes < 1024) throw new ArgumentException($"the body size limit must be at least 1024 bytes, got {MaxBodyBytes}");
        if (MaxConcurrentRequests < 1) throw new ArgumentException($"the concurrency limit must be at least 1, got {MaxConcurrentRequests}");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException($"the request timeout must be positive, got {RequestTimeout}");
    }
}
