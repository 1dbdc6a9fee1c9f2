using Contrastive.Data.Augmentations;
using Contrastive.Data.Loading;
using Contrastive.Data.Sampling;
using Contrastive.Data.Tests.Augmentations;
using Contrastive.Data.Views;

namespace Contrastive.Data.Tests.Loading;

public class PrefetchingLoaderTests
{
    private static readonly ImageGeometry s_grey = new(1, 28, 28);

    [Fact]
    public void Output_is_identical_for_any_worker_count_and_capacity()
    {
        var data = Images.Dataset(96, s_grey, 10, 1);
        var sampler = new ShuffledBatchSampler(data.Count, 16, seed: 3);
        var views = ViewGenerator.TwoViews(AugmentationPresets.SimClr(s_grey, 28), seed: 11);
        float[][] Run(int workers, int capacity)
        {
            using var loader = new PrefetchingLoader<ViewBatch>(sampler, new ImageBatchViews(data, views).Make, new LoaderOptions { Workers = workers, Capacity = capacity, EndEpoch = 2 });
            return loader.ReadAll().SelectMany(b => new[] { b.Views[0].Span.ToArray(), b.Views[1].Span.ToArray(), b.Indices.Select(i => (float)i).ToArray() }).ToArray();
        }
        var one = Run(1, 1);
        Assert.Equal(3 * 12, one.Length);
        Assert.Equal(one, Run(2, 3));
        Assert.Equal(one, Run(4, 8));
    }

    [Fact]
    public void Batches_come_in_sampler_order_with_positions_for_resume()
    {
        var sampler = new ShuffledBatchSampler(40, 10, seed: 1);
        using var loader = new PrefetchingLoader<BatchJob>(sampler, job =>
        {
            Thread.Sleep(Random.Shared.Next(0, 3) == 0 ? 5 : 0); // out-of-order completion across workers
            return job;
        }, new LoaderOptions { Workers = 3, Capacity = 2, Start = new SamplerPosition(1, 2), EndEpoch = 3 });
        var seen = new List<(int, int)>();
        var positions = new List<SamplerPosition>();
        while (true)
        {
            positions.Add(loader.Position);
            if (!loader.TryNext(out var job)) break;
            seen.Add((job.Epoch, job.BatchIndex));
            Assert.Equal(sampler.Batch(job.Epoch, job.BatchIndex), job.Indices);
        }
        Assert.Equal([(1, 2), (1, 3), (2, 0), (2, 1), (2, 2), (2, 3)], seen);
        Assert.Equal(new SamplerPosition(3, 0), positions[^1]);
        Assert.Equal(new SamplerPosition(2, 0), positions[2]);
    }

    [Fact]
    public void Progress_runs_from_0_towards_1_over_total_epochs()
    {
        var sampler = new ShuffledBatchSampler(20, 10, seed: 1);
        using var loader = new PrefetchingLoader<BatchJob>(sampler, job => job, new LoaderOptions { EndEpoch = 2 });
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f], loader.ReadAll().Select(j => j.Progress).ToArray());
    }

    [Fact]
    public void A_worker_exception_reaches_the_consumer_after_the_earlier_batches()
    {
        var sampler = new ShuffledBatchSampler(50, 10, seed: 1);
        var boom = new FormatException("bad sample");
        using var loader = new PrefetchingLoader<int>(sampler, job => job.Sequence == 3 ? throw boom : (int)job.Sequence,
            new LoaderOptions { Workers = 2, Capacity = 2, EndEpoch = 4 });
        for (var i = 0; i < 3; i++)
        {
            Assert.True(loader.TryNext(out var got));
            Assert.Equal(i, got);
        }
        var ex = Assert.Throws<InvalidOperationException>(() => loader.TryNext(out _));
        Assert.Same(boom, ex.InnerException);
        Assert.Contains("batch 3 of epoch 0", ex.Message);
        Assert.Throws<InvalidOperationException>(() => loader.TryNext(out _));
    }

    [Fact]
    public async Task Cancellation_and_dispose_leave_no_thread_behind()
    {
        var sampler = new ShuffledBatchSampler(50, 10, seed: 1);
        using var release = new ManualResetEventSlim(false);
        var loader = new PrefetchingLoader<int>(sampler, job =>
        {
            release.Wait(TimeSpan.FromSeconds(10));
            return (int)job.Sequence;
        }, new LoaderOptions { Workers = 2, Capacity = 2 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.ThrowsAny<OperationCanceledException>(() => loader.TryNext(out _, cts.Token));
        release.Set();
        var disposed = Task.Run(loader.Dispose);
        Assert.True(await Task.WhenAny(disposed, Task.Delay(TimeSpan.FromSeconds(10))) == disposed, "Dispose did not return: a worker is hung");
        Assert.Throws<ObjectDisposedException>(() => loader.TryNext(out _));
        Assert.True(loader.WaitTime >= TimeSpan.FromMilliseconds(0));
    }

    [Fact]
    public void Wait_time_is_reported()
    {
        var sampler = new ShuffledBatchSampler(30, 10, seed: 1);
        using var loader = new PrefetchingLoader<int>(sampler, job =>
        {
            Thread.Sleep(20);
            return 0;
        }, new LoaderOptions { Workers = 1, Capacity = 1, EndEpoch = 1 });
        Assert.Equal(3, loader.ReadAll().Count());
        Assert.True(loader.WaitTime >= TimeSpan.FromMilliseconds(30), $"wait {loader.WaitTime}");
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        var sampler = new ShuffledBatchSampler(30, 10, seed: 1);
        Assert.Contains("capacity", Assert.Throws<ArgumentException>(() => new PrefetchingLoader<int>(sampler, _ => 0, new LoaderOptions { Capacity = 0 })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrefetchingLoader<int>(sampler, _ => 0, new LoaderOptions { Start = new SamplerPosition(0, 3) }));
    }
}
