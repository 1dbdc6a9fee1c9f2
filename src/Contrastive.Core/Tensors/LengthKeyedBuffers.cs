namespace Contrastive.Tensors;

/// <summary>
/// Free float buffers kept by exact length, up to a capacity in floats: the storage behind <see cref="BufferPool"/>.
/// When a returned buffer does not fit, the length holding the most floats gives up buffers to make room, unless it is
/// the returned buffer's own length (then that buffer is dropped): a length returned more often than it is taken would
/// otherwise fill the pool and shut every other length out.
/// </summary>
internal sealed class LengthKeyedBuffers(long capacity)
{
    private readonly Dictionary<int, Stack<float[]>> _free = [];
    private readonly Lock _lock = new();

    /// <summary>The most floats kept.</summary>
    public long Capacity { get; } = capacity;

    /// <summary>The floats kept now.</summary>
    public long Pooled { get; private set; }

    /// <summary>A kept buffer of exactly <paramref name="length"/> floats (arbitrary contents), or null.</summary>
    public float[]? TryTake(int length)
    {
        lock (_lock)
        {
            if (!_free.TryGetValue(length, out var stack) || !stack.TryPop(out var buffer)) return null;
            Pooled -= length;
            return buffer;
        }
    }

    /// <summary>Keeps <paramref name="buffer"/>, which nothing references any more, making room as the summary says.</summary>
    public void Keep(float[] buffer)
    {
        if (buffer.Length > Capacity) return;
        lock (_lock)
        {
            while (Pooled + buffer.Length > Capacity)
            {
                var (length, hoard) = _free.MaxBy(kv => (long)kv.Key * kv.Value.Count);
                if (length == buffer.Length || hoard.Count == 0) return;
                hoard.Pop();
                Pooled -= length;
            }
            if (!_free.TryGetValue(buffer.Length, out var stack)) _free[buffer.Length] = stack = new Stack<float[]>();
            stack.Push(buffer);
            Pooled += buffer.Length;
        }
    }
}
