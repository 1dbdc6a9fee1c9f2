namespace Contrastive.Distributed;

/// <summary>Chooses the process group of this process: MPI when launched by OpenMPI's <c>mpirun</c>, else a single process.</summary>
public static class ProcessGroups
{
    /// <summary>The variable OpenMPI's launcher sets in every process it starts (the number of processes).</summary>
    public const string LaunchVariable = "OMPI_COMM_WORLD_SIZE";

    /// <summary>True when this process was started by OpenMPI's <c>mpirun</c>.</summary>
    public static bool LaunchedByMpirun => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(LaunchVariable));

    /// <summary>How many processes of the launch run on this machine (OMPI_COMM_WORLD_LOCAL_SIZE; 1 without mpirun).</summary>
    public static int LocalProcesses =>
        int.TryParse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_LOCAL_SIZE"), out var n) && n > 0 ? n : 1;

    /// <summary>
    /// <see cref="MpiProcessGroup.Initialize"/> under <c>mpirun</c>, otherwise <see cref="SingleProcess.Instance"/>: OpenMPI
    /// is loaded only when a launch asks for it, so a single-process run needs no MPI installed.
    /// </summary>
    public static IProcessGroup FromEnvironment() => LaunchedByMpirun ? MpiProcessGroup.Initialize() : SingleProcess.Instance;
}
