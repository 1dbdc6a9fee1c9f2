namespace Contrastive.Tensors;

/// <summary>
/// Recycles the large gradient buffers of intermediate tensors: <see cref="Tensor.Backward(Tensor)"/> returns each one
/// as soon as the op that produced the tensor has consumed it, so a training step reuses the previous step's buffers
/// instead of allocating (and page-faulting) hundreds of MB of large-object-heap arrays. Buffers are keyed by exact
/// length (a tensor's storage is exactly its length); at most <see cref="MaxPooledFloats"/> floats are kept.
/// </summary>
internal static class GradPool
{
    /// <summary>Smaller buffers are left to the GC's generation 0, which recycles them cheaply.</summary>
    public const int MinFloats = 1 << 16;

    /// <summary>The most floats kept in the pool (256 MB).</summary>
    public const long MaxPooledFloats = 1L << 26;

    private static readonly Dictionary<int, Stack<float[]>> s_free = [];
    private static readonly Lock s_lock = new();
    private static long s_pooled;

    /// <summary>A zero-filled buffer of exactly <paramref name="length"/> floats, recycled when one is free.</summary>
    public static float[] RentZeroed(int length)
    {
        if (length >= MinFloats)
            lock (s_lock)
                if (s_free.TryGetValue(length, out var stack) && stack.TryPop(out var buffer))
                {
                    s_pooled -= length;
                    Array.Clear(buffer);
                    return buffer;
                }
        return new float[length];
    }

    /// <summary>Takes back a buffer nothing references any more (small buffers and overflow are left to the GC).</summary>
    public static void Return(float[] buffer)
    {
        if (buffer.Length < MinFloats) return;
        lock (s_lock)
        {
            if (s_pooled + buffer.Length > MaxPooledFloats) return;
            if (!s_free.TryGetValue(buffer.Length, out var stack)) s_free[buffer.Length] = stack = new Stack<float[]>();
            stack.Push(buffer);
            s_pooled += buffer.Length;
        }
    }
}
