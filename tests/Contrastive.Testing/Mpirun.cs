using System.Diagnostics;
using Xunit;
using Xunit.Sdk;

namespace Contrastive.Testing;

/// <summary>Runs a .NET program as several processes of one OpenMPI launch on this machine, for the data-parallel tests.</summary>
public static class Mpirun
{
    /// <summary>Why the multi-process tests are skipped when <c>mpirun</c> is missing.</summary>
    public const string MissingMessage = "mpirun not found on PATH: install OpenMPI ('apt-get install openmpi-bin') to run the multi-process tests";

    /// <summary>The full path of <c>mpirun</c>, or null when it is not on PATH.</summary>
    public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "mpirun"))
        .FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs <c>mpirun -np <paramref name="processes"/> dotnet <paramref name="arguments"/></c> (as root too, and with more
    /// processes than cores if need be) and returns its standard output.
    /// </summary>
    /// <exception cref="XunitException">mpirun is missing, fails, or runs longer than 5 minutes; the message holds its output.</exception>
    public static string Run(int processes, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(Executable ?? throw new XunitException(MissingMessage))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // CI runs as root, which mpirun refuses unless both variables are set.
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        // the host that runs the tests (the dotnet CLI passes its path down), else the one on PATH
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        foreach (var arg in new[] { "--oversubscribe", "-np", processes.ToString(), host }.Concat(arguments)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new XunitException("could not start mpirun");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"mpirun -np {processes} {string.Join(' ', arguments)} ran longer than 5 minutes");
        }
        if (process.ExitCode != 0)
            throw new XunitException($"mpirun -np {processes} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}

/// <summary>A fact that needs <c>mpirun</c>; skipped with <see cref="Mpirun.MissingMessage"/> without it.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when mpirun is missing.</summary>
    public MpiFactAttribute()
    {
        if (Mpirun.Executable is null) Skip = Mpirun.MissingMessage;
    }
}

/// <summary>A theory that needs <c>mpirun</c>; skipped with <see cref="Mpirun.MissingMessage"/> without it.</summary>
public sealed class MpiTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason when mpirun is missing.</summary>
    public MpiTheoryAttribute()
    {
        if (Mpirun.Executable is null) Skip = Mpirun.MissingMessage;
    }
}
