using System.Diagnostics;

namespace Contrastive.Distributed;

/// <summary>
/// The processes of an <c>mpirun</c> launch (MPI_COMM_WORLD of OpenMPI). MPI can be initialised once per process, so
/// there is at most one instance: <see cref="Initialize"/>, and <see cref="Dispose"/> (MPI_Finalize) before exit.
/// </summary>
public sealed class MpiProcessGroup : IProcessGroup, IDisposable
{
    private static readonly Lock s_lock = new();
    private static MpiProcessGroup? s_instance;
    private readonly MpiLibrary _mpi;
    private bool _finalized;
    private long _ticks;

    private MpiProcessGroup(MpiLibrary mpi)
    {
        _mpi = mpi;
        (Rank, Size) = mpi.Initialize();
    }

    /// <summary>Loads OpenMPI and joins the launch (MPI_Init); later calls return the same group.</summary>
    /// <exception cref="InvalidOperationException">OpenMPI is not installed, or MPI was already finalised in this process.</exception>
    public static MpiProcessGroup Initialize()
    {
        lock (s_lock)
        {
            if (s_instance is { _finalized: true }) throw new InvalidOperationException("MPI was finalised in this process and cannot start again");
            return s_instance ??= new MpiProcessGroup(MpiLibrary.Load());
        }
    }

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <inheritdoc />
    public TimeSpan CommunicationTime => Stopwatch.GetElapsedTime(0, _ticks);

    /// <inheritdoc />
    public void AllReduceSum(Span<float> values)
    {
        var start = Stopwatch.GetTimestamp();
        _mpi.AllReduceSum(values);
        _ticks += Stopwatch.GetTimestamp() - start;
    }

    /// <inheritdoc />
    public void AllGather(ReadOnlySpan<float> local, Span<float> all)
    {
        RequireBlocks(all.Length, local.Length, "all-gather");
        var start = Stopwatch.GetTimestamp();
        _mpi.AllGather(local, all);
        _ticks += Stopwatch.GetTimestamp() - start;
    }

    /// <inheritdoc />
    public void ReduceScatterSum(ReadOnlySpan<float> all, Span<float> own)
    {
        RequireBlocks(all.Length, own.Length, "reduce-scatter");
        var start = Stopwatch.GetTimestamp();
        _mpi.ReduceScatterSum(all, own);
        _ticks += Stopwatch.GetTimestamp() - start;
    }

    /// <inheritdoc />
    public void Broadcast(Span<float> values, int root)
    {
        if ((uint)root >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(root), $"broadcast root {root} is not a rank of {Size} processes");
        var start = Stopwatch.GetTimestamp();
        _mpi.Broadcast(values, root);
        _ticks += Stopwatch.GetTimestamp() - start;
    }

    /// <summary>MPI_Finalize; every process must call it before it exits.</summary>
    public void Dispose()
    {
        lock (s_lock)
        {
            if (_finalized) return;
            _finalized = true;
            _mpi.Shutdown();
        }
    }

    private void RequireBlocks(long total, long block, string operation)
    {
        if (total != block * Size)
            throw new ArgumentException($"{operation} over {Size} processes: {total} values are not {Size} blocks of {block}");
    }
}
