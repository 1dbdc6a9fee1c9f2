namespace Contrastive.Distributed;

/// <summary>
/// The processes of a data-parallel run and the collective operations between them. Every process must call the same
/// collectives in the same order with the same counts; the calls block until all have joined. One process alone is
/// <see cref="SingleProcess"/>; <c>mpirun</c> launches get <see cref="MpiProcessGroup"/> (see <see cref="ProcessGroups"/>).
/// </summary>
public interface IProcessGroup
{
    /// <summary>This process's index, 0 .. <see cref="Size"/> - 1; rank 0 writes the run's files.</summary>
    int Rank { get; }

    /// <summary>The number of processes.</summary>
    int Size { get; }

    /// <summary>Total time this process has spent in collective operations so far: transfers, and waiting for the others.</summary>
    TimeSpan CommunicationTime { get; }

    /// <summary>Replaces <paramref name="values"/> on every process by the element-wise sum over all processes.</summary>
    void AllReduceSum(Span<float> values);

    /// <summary>Concatenates every process's <paramref name="local"/> (all of the same length) in rank order into <paramref name="all"/>
    /// (Size times as long).</summary>
    void AllGather(ReadOnlySpan<float> local, Span<float> all);

    /// <summary>Sums <paramref name="all"/> (Size blocks of <paramref name="own"/>'s length) over the processes and gives each
    /// process its own block: <c>own = sum over processes of all[Rank]</c> (an all-reduce followed by a slice, at half the traffic).</summary>
    void ReduceScatterSum(ReadOnlySpan<float> all, Span<float> own);

    /// <summary>Copies <paramref name="values"/> of process <paramref name="root"/> into every process's <paramref name="values"/>.</summary>
    void Broadcast(Span<float> values, int root);
}
