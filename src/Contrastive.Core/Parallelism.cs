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
        if (count <= 0) return;
        var chunks = Math.Min(Engine.Threads, Math.Max(1, count / Math.Max(1, minPerChunk)));
        if (chunks <= 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
        {
            var start = (int)((long)count * c / chunks);
            var end = (int)((long)count * (c + 1) / chunks);
            body(start, end);
        });
    }
}
