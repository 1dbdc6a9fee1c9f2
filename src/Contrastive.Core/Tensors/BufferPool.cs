namespace Contrastive.Tensors;

/// <summary>
/// Recycles large tensor buffers whose owner is known to be done with them: <see cref="Tensor.Backward(Tensor)"/>
/// returns the gradient buffer of each intermediate as soon as the op that produced it has consumed it, and
/// <see cref="Nn.Sequential"/> returns the intermediate outputs of a forward pass that records no graph. A training
/// step or an inference batch thus reuses the previous one's buffers instead of allocating (and page-faulting)
/// hundreds of MB of large-object-heap arrays. Buffers are keyed by exact length (a tensor's storage is exactly its
/// length); at most <see cref="MaxPooledFloats"/> floats are kept (<see cref="LengthKeyedBuffers"/>).
/// </summary>
internal static class BufferPool
{
    /// <summary>Smaller buffers are left to the GC's generation 0, which recycles them cheaply.</summary>
    public const int MinFloats = 1 << 16;

    /// <summary>The most floats kept in the pool (512 MB: the activations of a 1,000-image batch of the bench model).</summary>
    public const long MaxPooledFloats = 1L << 27;

    private static readonly LengthKeyedBuffers s_free = new(MaxPooledFloats);

    /// <summary>A buffer of exactly <paramref name="length"/> floats with arbitrary contents, for outputs that write every element.</summary>
    public static float[] Rent(int length) => TryTake(length) ?? GC.AllocateUninitializedArray<float>(length);

    /// <summary>A zero-filled buffer of exactly <paramref name="length"/> floats, for gradients that accumulate.</summary>
    public static float[] RentZeroed(int length)
    {
        if (TryTake(length) is not { } buffer) return new float[length];
        Array.Clear(buffer);
        return buffer;
    }

    /// <summary>Takes back a buffer nothing references any more (small buffers are left to the GC).</summary>
    public static void Return(float[] buffer)
    {
        if (buffer.Length >= MinFloats) s_free.Keep(buffer);
    }

    private static float[]? TryTake(int length) => length < MinFloats ? null : s_free.TryTake(length);
}
