using Contrastive.Data.Sampling;
using Contrastive.Data.Views;

namespace Contrastive.Data.Loading;

/// <summary>Ready-made prefetching loaders for the common cases.</summary>
public static class Loaders
{
    /// <summary>
    /// A loader yielding augmented views of <paramref name="data"/>: each worker builds whole batches on its
    /// own thread with <see cref="ViewGenerator.Generate"/> (per-sample <c>Rng.Derive(seed, epoch, index)</c>).
    /// </summary>
    public static PrefetchingLoader<ViewBatch> Views(ImageDataset data, IBatchSampler sampler, ViewGenerator views, LoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(views);
        return new PrefetchingLoader<ViewBatch>(sampler, job => views.Generate(data, job.Indices, job.Epoch, job.BatchIndex, job.Progress), options);
    }

    /// <summary>A loader yielding corrupted tabular views of <paramref name="data"/>.</summary>
    public static PrefetchingLoader<ViewBatch> TabularViews(TabularDataset data, IBatchSampler sampler, TabularViewGenerator views, LoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(views);
        return new PrefetchingLoader<ViewBatch>(sampler, job => views.Generate(data, job.Indices, job.Epoch, job.BatchIndex), options);
    }
}
