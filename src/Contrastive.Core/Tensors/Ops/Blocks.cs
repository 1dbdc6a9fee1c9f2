namespace Contrastive.Tensors;

/// <summary>Splits elementwise work into blocks of <see cref="Size"/> floats, parallel over large tensors.</summary>
internal static class Blocks
{
    /// <summary>Elements per block: small enough that a few scratch blocks stay in L1.</summary>
    public const int Size = 1024;

    /// <summary>Below this many elements per thread, splitting the work costs more than it saves.</summary>
    public const int MinPerChunk = 1 << 15;

    /// <summary>Receives (start, length, scratch) for one block; scratch holds 3 * <see cref="Size"/> floats.</summary>
    public delegate void Body(int start, int length, Span<float> scratch);

    /// <summary>Runs <paramref name="body"/> over [0, <paramref name="count"/>) block by block.</summary>
    public static void Run(int count, Body body) =>
        Parallelism.ForChunks(count, MinPerChunk, (start, end) =>
        {
            Span<float> scratch = stackalloc float[3 * Size];
            for (var i = start; i < end; i += Size) body(i, Math.Min(Size, end - i), scratch);
        });
}
