using System.Diagnostics;

namespace Contrastive.Fuzzing.Tests;

/// <summary>A parser under fuzzing: valid seed files, how to parse an input, and the exceptions that count as its one
/// clear error for bad input.</summary>
/// <param name="Name">The parser's name in reports.</param>
/// <param name="Seeds">Valid inputs the mutations start from.</param>
/// <param name="Parse">Parses one input completely (the file's temporary path and its bytes).</param>
/// <param name="Errors">The exception types that are a clear rejection.</param>
/// <param name="Extension">The file extension the input is written with.</param>
public sealed record FuzzTarget(string Name, IReadOnlyList<byte[]> Seeds, Action<string, byte[]> Parse, IReadOnlyList<Type> Errors, string Extension);

/// <summary>What a fuzzing run saw: inputs accepted, rejected with a clear error, and failures (anything else).</summary>
public sealed record FuzzOutcome(string Parser, int Inputs, int Accepted, int Rejected, IReadOnlyList<string> Failures, TimeSpan Slowest, long MostAllocated);

/// <summary>
/// Runs a target over mutated inputs. A failure is another exception type, an input that takes longer than
/// <see cref="TimeLimit"/> (a hang) or allocates more than <see cref="AllocationLimit"/> (unbounded allocation); each is
/// recorded with the input's index, which with the seed repeats it (<see cref="MutationFuzzer.Input"/>).
/// </summary>
public static class FuzzRunner
{
    /// <summary>The longest an input may take.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>The most bytes one input may allocate (inputs are a few kilobytes).</summary>
    public const long AllocationLimit = 256L << 20;

    /// <summary>Fuzzes <paramref name="target"/> with <paramref name="inputs"/> inputs from seed <paramref name="seed"/>,
    /// writing each to a file under <paramref name="directory"/>.</summary>
    public static FuzzOutcome Run(FuzzTarget target, int inputs, ulong seed, string directory)
    {
        var (accepted, rejected, slowest, mostAllocated) = (0, 0, TimeSpan.Zero, 0L);
        var failures = new List<string>();
        var path = Path.Combine(directory, "input" + target.Extension);
        for (var i = 0; i < inputs; i++)
        {
            var input = MutationFuzzer.Input(target.Seeds, seed, i);
            File.WriteAllBytes(path, input);
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var clock = Stopwatch.StartNew();
            var work = Task.Run(() => target.Parse(path, input));
            var finished = ((IAsyncResult)work).AsyncWaitHandle.WaitOne(TimeLimit);
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            (slowest, mostAllocated) = (clock.Elapsed > slowest ? clock.Elapsed : slowest, Math.Max(mostAllocated, allocated));
            string? failure = null;
            if (!finished) failure = $"took more than {TimeLimit.TotalSeconds} s";
            else if (work.Exception?.InnerException is { } error)
            {
                if (target.Errors.Any(t => t.IsInstanceOfType(error)) && !string.IsNullOrWhiteSpace(error.Message)) rejected++;
                else failure = $"{error.GetType().Name}: {error.Message}\n{error.StackTrace}";
            }
            else accepted++;
            if (failure is null && allocated > AllocationLimit) failure = $"allocated {allocated:N0} bytes";
            if (failure is not null) failures.Add($"seed {seed}, input {i} ({input.Length} bytes): {failure}");
        }
        return new FuzzOutcome(target.Name, inputs, accepted, rejected, failures, slowest, mostAllocated);
    }
}
