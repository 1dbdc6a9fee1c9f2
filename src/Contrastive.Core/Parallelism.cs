using System.Runtime.ExceptionServices;

namespace Contrastive;

/// <summary>Parallel loops that respect <see cref="Engine.Threads"/> and run inline when one thread suffices.</summary>
public static class Parallelism
{
    /// <summary>
    /// Runs <paramref name="body"/> over [0, <paramref name="count"/>) split into at most
    /// <see cref="Engine.Threads"/> contiguous chunks; <paramref name="body"/> receives (start, end).
    /// Work below <paramref name="minPerChunk"/> items per chunk stays on the calling thread.
    /// </summary>
    public static void ForChunks(int count, int minPerChunk, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ForParts(count, Parts(count, minPerChunk), (_, start, end) => body(start, end));
    }

    /// <summary>How many chunks <see cref="ForChunks"/> splits [0, <paramref name="count"/>) into (0 when empty).</summary>
    public static int Parts(int count, int minPerChunk) =>
        count <= 0 ? 0 : Math.Min(Engine.Threads, Math.Max(1, count / Math.Max(1, minPerChunk)));

    /// <summary>
    /// Runs <paramref name="body"/>(part, start, end) over [0, <paramref name="count"/>) split into <paramref name="parts"/>
    /// contiguous ranges, one per thread (inline when there is one); part indexes per-thread state such as partial sums.
    /// An exception thrown by <paramref name="body"/> propagates as itself (the first one, when several parts throw),
    /// not wrapped in an <see cref="AggregateException"/>, so a loop's callers see the same error at any thread count.
    /// </summary>
    public static void ForParts(int count, int parts, Action<int, int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (count <= 0 || parts <= 0) return;
        if (parts == 1)
        {
            body(0, 0, count);
            return;
        }
        try
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, c =>
                body(c, (int)((long)count * c / parts), (int)((long)count * (c + 1) / parts)));
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }
    }
}
