using System.Diagnostics;
using System.Runtime.InteropServices;
using Contrastive.Cli;

namespace Contrastive.Cli.Tests;

/// <summary>Stopping a training run: a cancelled run exits with 130 and one line, keeps its last checkpoint, and a
/// second interrupt ends the process at once without a stack trace.</summary>
public sealed partial class CancellationTests() : CliTestBase("cancel")
{
    private const int SigTerm = 15;

    [Fact]
    public async Task A_cancelled_train_exits_130_with_one_line()
    {
        var images = WriteHalfBrightFolder("images", 8, seed: 5);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["train", "--data", images, "--epochs", "2", "--batch", "8", "--out", Path.Combine(Dir, "run")],
            output, error, new CancellationToken(canceled: true));
        Assert.Equal(130, code);
        Assert.Equal("contrastive: cancelled; the last completed epoch's checkpoint is intact", error.ToString().Trim());
        Assert.False(File.Exists(Path.Combine(Dir, "run", "model.safetensors")));
    }

    [Fact]
    public async Task Sigterm_stops_training_within_its_first_epoch()
    {
        var run = Path.Combine(Dir, "run");
        using var process = StartTraining(run);
        await WaitForTrainingToStart(process);
        await Task.Delay(TimeSpan.FromSeconds(2)); // into the steps, with prefetched batches waiting
        Assert.Equal(0, Kill(process.Id, SigTerm));
        var (exited, stderr) = await WaitForExit(process);
        Assert.True(exited, "the run did not stop within 60 s of SIGTERM");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("contrastive: cancelled; the last completed epoch's checkpoint is intact", stderr);
        Assert.DoesNotContain("   at ", stderr);
        // a demo epoch takes many seconds; stopping before the next step leaves it unfinished, with nothing written
        Assert.False(File.Exists(Path.Combine(run, "metrics.jsonl")) && File.ReadAllText(Path.Combine(run, "metrics.jsonl")).Length > 0);
        Assert.False(File.Exists(Path.Combine(run, "checkpoint.safetensors")));
    }

    [Fact]
    public async Task A_repeated_sigterm_never_prints_a_stack_trace()
    {
        using var process = StartTraining(Path.Combine(Dir, "run"));
        await WaitForTrainingToStart(process);
        Assert.Equal(0, Kill(process.Id, SigTerm));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Kill(process.Id, SigTerm); // fails harmlessly when the first signal already ended the run
        var (exited, stderr) = await WaitForExit(process);
        Assert.True(exited, "the run did not stop within 60 s of two SIGTERMs");
        Assert.DoesNotContain("Unhandled exception", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>The contrastive command in a child process (its assembly sits next to the tests'), training on the
    /// demo data for longer than any test waits.</summary>
    private static Process StartTraining(string run)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "contrastive.dll");
        // the host that runs the tests (the dotnet CLI passes its path down), else the one on PATH
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "train", "--data", "demo", "--epochs", "50", "--threads", "1", "--out", run }) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    /// <summary>Reads stdout up to the header line that train prints just before its first step.</summary>
    private static async Task WaitForTrainingToStart(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            if (line.Contains(" -> ", StringComparison.Ordinal)) return;
        Assert.Fail($"train ended before it started training: {await process.StandardError.ReadToEndAsync()}");
    }

    private static async Task<(bool Exited, string Stderr)> WaitForExit(Process process)
    {
        _ = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            return (false, "");
        }
        return (true, await stderr);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
