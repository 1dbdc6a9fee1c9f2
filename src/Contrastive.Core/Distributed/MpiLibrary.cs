using System.Runtime.InteropServices;

namespace Contrastive.Distributed;

/// <summary>
/// The few MPI calls data-parallel training needs, bound at run time to Debian's OpenMPI (<c>libmpi.so.40</c>). OpenMPI's
/// handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM) are the addresses of global symbols, resolved here like the functions.
/// </summary>
internal sealed unsafe partial class MpiLibrary
{
    /// <summary>The soname of Debian 12's OpenMPI (package libopenmpi3, a dependency of openmpi-bin).</summary>
    public const string DefaultName = "libmpi.so.40";

    private const int ThreadSerialized = 2; // MPI_THREAD_SERIALIZED in OpenMPI's mpi.h
    private const int Success = 0;
    private const int RtldNowGlobal = 0x2 | 0x100;
    private static readonly nint s_inPlace = 1; // MPI_IN_PLACE is (void *) 1 in OpenMPI

    private readonly nint _world, _float, _sum;
    private readonly delegate* unmanaged<int*, nint, int, int*, int> _initThread;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<nint, int*, int> _commRank, _commSize;
    private readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> _allreduce, _reduceScatterBlock;
    private readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> _allgather;
    private readonly delegate* unmanaged<void*, int, nint, int, nint, int> _bcast;

    private MpiLibrary(nint handle)
    {
        _world = Export(handle, "ompi_mpi_comm_world");
        _float = Export(handle, "ompi_mpi_float");
        _sum = Export(handle, "ompi_mpi_op_sum");
        _initThread = (delegate* unmanaged<int*, nint, int, int*, int>)Export(handle, "MPI_Init_thread");
        _finalize = (delegate* unmanaged<int>)Export(handle, "MPI_Finalize");
        _commRank = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_rank");
        _commSize = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_size");
        _allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export(handle, "MPI_Allreduce");
        _reduceScatterBlock = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export(handle, "MPI_Reduce_scatter_block");
        _allgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)Export(handle, "MPI_Allgather");
        _bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export(handle, "MPI_Bcast");
    }

    /// <summary>
    /// Loads <paramref name="name"/> with its symbols global (OpenMPI's plug-ins, loaded later, resolve against them) and
    /// binds every call.
    /// </summary>
    /// <exception cref="InvalidOperationException">The library is missing or lacks a symbol; the message says what to install.</exception>
    public static MpiLibrary Load(string name = DefaultName)
    {
        var handle = DlOpen(name, RtldNowGlobal);
        if (handle == 0)
            throw new InvalidOperationException($"this process was launched by mpirun but {name} could not be loaded ({Marshal.PtrToStringUTF8(DlError())}); " +
                "install OpenMPI with 'apt-get install openmpi-bin', or run without mpirun for a single process");
        return new MpiLibrary(handle);
    }

    /// <summary>MPI_Init_thread with calls serialised from any thread; returns (rank, size) in MPI_COMM_WORLD.</summary>
    public (int Rank, int Size) Initialize()
    {
        int provided, rank, size;
        Check(_initThread(null, 0, ThreadSerialized, &provided), "MPI_Init_thread");
        if (provided < ThreadSerialized)
            throw new InvalidOperationException($"MPI provides thread level {provided}, below MPI_THREAD_SERIALIZED ({ThreadSerialized})");
        Check(_commRank(_world, &rank), "MPI_Comm_rank");
        Check(_commSize(_world, &size), "MPI_Comm_size");
        return (rank, size);
    }

    /// <summary>MPI_Finalize.</summary>
    public void Shutdown() => Check(_finalize(), "MPI_Finalize");

    /// <summary>In-place MPI_Allreduce(MPI_SUM) of floats over MPI_COMM_WORLD.</summary>
    public void AllReduceSum(Span<float> values)
    {
        fixed (float* p = values) Check(_allreduce((void*)s_inPlace, p, values.Length, _float, _sum, _world), "MPI_Allreduce");
    }

    /// <summary>MPI_Allgather of <paramref name="local"/>.Length floats per rank.</summary>
    public void AllGather(ReadOnlySpan<float> local, Span<float> all)
    {
        fixed (float* send = local)
        fixed (float* receive = all)
            Check(_allgather(send, local.Length, _float, receive, local.Length, _float, _world), "MPI_Allgather");
    }

    /// <summary>MPI_Reduce_scatter_block(MPI_SUM): this rank receives the sum of its block of <paramref name="all"/>.</summary>
    public void ReduceScatterSum(ReadOnlySpan<float> all, Span<float> own)
    {
        fixed (float* send = all)
        fixed (float* receive = own)
            Check(_reduceScatterBlock(send, receive, own.Length, _float, _sum, _world), "MPI_Reduce_scatter_block");
    }

    /// <summary>MPI_Bcast of floats from <paramref name="root"/>.</summary>
    public void Broadcast(Span<float> values, int root)
    {
        fixed (float* p = values) Check(_bcast(p, values.Length, _float, root, _world), "MPI_Bcast");
    }

    private static void Check(int code, string call)
    {
        if (code != Success) throw new InvalidOperationException($"{call} failed with MPI error code {code}");
    }

    private static nint Export(nint handle, string symbol) =>
        NativeLibrary.TryGetExport(handle, symbol, out var address) ? address
            : throw new InvalidOperationException($"{DefaultName} lacks '{symbol}': it is not an OpenMPI library (Debian's openmpi-bin is expected)");

    [LibraryImport("libc", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint DlOpen(string name, int flags);

    [LibraryImport("libc", EntryPoint = "dlerror")]
    private static partial nint DlError();
}
