using System.CommandLine;
using Contrastive.Data;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary>The <c>contrastive</c> command tree and its error policy: bad input gives one line on stderr and a
/// non-zero exit code (2 for usage errors, 1 for failures), never a stack trace.</summary>
public static class CliApp
{
    /// <summary>Parses and runs a command line; returns the process exit code (130 when <c>train</c> is cancelled by
    /// <paramref name="cancellation"/> or by a first Ctrl+C / SIGTERM; a second one ends the process at once).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellation = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("Contrastive.NET: learn, evaluate and ship embeddings with contrastive and self-supervised learning.")
        {
            TrainCommand.Create(output, error),
            EmbedCommand.Create(output),
            EvalCommand.Create(output),
            ExportCommand.Create(output),
            CompressCommand.Create(output),
            ServeCommand.Create(output),
            BenchCommand.Create(output),
            RlCommand.Create(output),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Some parser messages span lines (a list of allowed values); the policy is one line.
            var message = string.Join(' ', parsed.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await error.WriteLineAsync($"contrastive: {message} (see 'contrastive --help')");
            return 2;
        }
        try
        {
            // train handles the termination signals itself (TerminationSignals); the other commands end at once, as by default
            var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parsed.InvokeAsync(invocation, cancellation);
        }
        catch (Exception e) when (IsUserError(e))
        {
            await error.WriteLineAsync($"contrastive: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("contrastive: cancelled; the last completed epoch's checkpoint is intact");
            return 130;
        }
    }

    private static bool IsUserError(Exception e) => e is ArgumentException or InvalidDataException or FileNotFoundException
        or DirectoryNotFoundException or NotSupportedException or DatasetException or TrainingDivergedException or UnauthorizedAccessException or IOException;
}
