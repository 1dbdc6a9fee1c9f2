using System.Text.RegularExpressions;

namespace Contrastive.Cli.Tests;

/// <summary>Reads the URL a <c>contrastive serve</c> started in-process prints once it listens.</summary>
internal static partial class ServingUrl
{
    /// <summary>The URL the command prints once it listens (it picked a free port); fails if it ends first.</summary>
    public static async Task<string> WaitFor(StringWriter output, Task<int> serving)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            if (ServingLine().Match(output.ToString()) is { Success: true } match) return match.Groups[1].Value;
            if (serving.IsCompleted) Assert.Fail($"serve ended with code {await serving} before listening: {output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"serve did not start within 60 s: {output}");
    }

    [GeneratedRegex(@"serving .* on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServingLine();
}
