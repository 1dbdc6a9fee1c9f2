using System.Globalization;
using Contrastive.Testing;
using Xunit.Abstractions;

namespace Contrastive.Fuzzing.Tests;

/// <summary>
/// Seeded mutation fuzzing of every parser a user reaches: each input ends in success or the parser's one clear error,
/// never another exception, a hang or unbounded allocation. 300 inputs per parser here; <c>scripts/fuzz.sh</c> runs
/// 10,000 (<c>CONTRASTIVE_FUZZ_INPUTS</c>) and collects the counts (<c>CONTRASTIVE_FUZZ_REPORT</c>).
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const ulong Seed = 21;
    private readonly TempDirectory _temp = new("contrastive-fuzz");

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Parsers => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task Every_input_is_accepted_or_rejected_with_a_clear_error(string parser)
    {
        var inputs = int.Parse(Environment.GetEnvironmentVariable("CONTRASTIVE_FUZZ_INPUTS") ?? "300", CultureInfo.InvariantCulture);
        FuzzOutcome outcome;
        if (parser == "http")
        {
            await using var service = await HttpTarget.StartAsync();
            outcome = FuzzRunner.Run(service.Target(), inputs, Seed, _temp.Path);
        }
        else outcome = FuzzRunner.Run(FuzzTargets.Create(parser, _temp.Path), inputs, Seed, _temp.Path);

        var line = string.Create(CultureInfo.InvariantCulture, $"{outcome.Parser}\t{outcome.Inputs}\t{outcome.Accepted}\t{outcome.Rejected}\t{outcome.Failures.Count}\t{outcome.Slowest.TotalMilliseconds:F0}\t{outcome.MostAllocated}");
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("CONTRASTIVE_FUZZ_REPORT") is { Length: > 0 } report) File.AppendAllLines(report, [line]);
        Assert.True(outcome.Failures.Count == 0, $"{outcome.Failures.Count} of {inputs} inputs failed:\n{string.Join("\n", outcome.Failures.Take(5))}");
        Assert.True(outcome.Accepted + outcome.Rejected == inputs);
        Assert.True(outcome.Rejected > 0, "no input was rejected: the mutations do not reach the parser");
    }
}
