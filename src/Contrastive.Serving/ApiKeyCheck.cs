using System.Security.Cryptography;
using System.Text;

namespace Contrastive.Serving;

/// <summary>Checks a presented API key against the accepted ones in constant time: both sides are hashed with SHA-256
/// and compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the length nor the content of a
/// key leaks through the time a refusal takes; every accepted key is compared, whichever matches.</summary>
internal sealed class ApiKeyCheck(IReadOnlyList<string> keys)
{
    private readonly byte[][] _hashes = [.. keys.Select(Hash)];

    /// <summary>True when no key is configured (authentication is off).</summary>
    public bool Open => _hashes.Length == 0;

    /// <summary>True when <paramref name="presented"/> is one of the keys.</summary>
    public bool Accepts(string? presented)
    {
        var hash = Hash(presented ?? "");
        var match = false;
        foreach (var accepted in _hashes) match |= CryptographicOperations.FixedTimeEquals(hash, accepted);
        return match && presented is not null;
    }

    /// <summary>The key a request presents: <c>Authorization: Bearer KEY</c> or <c>X-API-Key: KEY</c>.</summary>
    public static string? Presented(string? authorization, string? apiKeyHeader) =>
        authorization is { } a && a.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? a["Bearer ".Length..].Trim() : apiKeyHeader?.Trim();

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
