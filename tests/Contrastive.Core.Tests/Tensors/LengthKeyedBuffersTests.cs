using Contrastive.Tensors;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>The pool's storage: exact-length reuse within a capacity, and a full pool making room by dropping the
/// length that hoards the most floats rather than refusing every other length.</summary>
public class LengthKeyedBuffersTests
{
    /// <summary>How many buffers of <paramref name="length"/> the pool keeps: all taken out, counted and put back.</summary>
    private static int CountOf(LengthKeyedBuffers pool, int length)
    {
        var taken = new List<float[]>();
        while (pool.TryTake(length) is { } buffer) taken.Add(buffer);
        foreach (var buffer in taken) pool.Keep(buffer);
        return taken.Count;
    }

    [Fact]
    public void Buffers_come_back_by_exact_length_and_the_count_of_floats_follows()
    {
        var pool = new LengthKeyedBuffers(capacity: 100);
        var buffer = new float[10];
        pool.Keep(buffer);
        Assert.Equal(10, pool.Pooled);
        Assert.Null(pool.TryTake(11));
        Assert.Same(buffer, pool.TryTake(10));
        Assert.Equal(0, pool.Pooled);
        Assert.Null(pool.TryTake(10));
    }

    [Fact]
    public void A_full_pool_drops_buffers_of_the_length_holding_most_to_keep_another_length()
    {
        var pool = new LengthKeyedBuffers(capacity: 100);
        for (var i = 0; i < 9; i++) pool.Keep(new float[10]); // a length returned more often than taken: 90 floats
        pool.Keep(new float[5]);
        pool.Keep(new float[30]); // needs 30 of 100 with 95 kept: three buffers of the hoarded length go

        Assert.Equal(1, CountOf(pool, 30));
        Assert.Equal(1, CountOf(pool, 5));
        Assert.Equal(6, CountOf(pool, 10));
        Assert.Equal(95, pool.Pooled);
    }

    [Fact]
    public void A_full_pool_drops_a_returned_buffer_of_the_hoarded_length_itself()
    {
        var pool = new LengthKeyedBuffers(capacity: 100);
        for (var i = 0; i < 10; i++) pool.Keep(new float[10]);
        pool.Keep(new float[10]);
        Assert.Equal(10, CountOf(pool, 10));
        Assert.Equal(100, pool.Pooled);
        // a buffer larger than the capacity is never kept, and takes nothing out
        pool.Keep(new float[101]);
        Assert.Equal(0, CountOf(pool, 101));
        Assert.Equal(10, CountOf(pool, 10));
    }
}
