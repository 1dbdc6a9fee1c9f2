using Contrastive.Data;
using Contrastive.Data.Loading;
using Contrastive.Data.Sampling;
using Contrastive.Data.Views;
using Contrastive.Methods;
using Contrastive.Multimodal;

namespace Contrastive.Training;

/// <summary>
/// Training batches of augmented views (image crops, corrupted table rows, or image crops with their captions), prepared on worker threads by a
/// <see cref="PrefetchingLoader{TBatch}"/> while the model trains. The order and the views depend only on
/// (seed, epoch), so an epoch can be replayed exactly.
/// </summary>
public sealed class PrefetchedBatchSource : IBatchSource
{
    private readonly IBatchSampler _sampler;
    private readonly Func<IBatchSampler, LoaderOptions, PrefetchingLoader<ViewBatch>> _open;
    private readonly int _workers;
    private readonly int _totalEpochs;
    private TimeSpan _waited;

    private PrefetchedBatchSource(string source, int count, IBatchSampler sampler, Func<IBatchSampler, LoaderOptions, PrefetchingLoader<ViewBatch>> open,
        int viewsPerSample, int totalEpochs, int workers)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (sampler.BatchesPerEpoch < 1) throw new ArgumentException($"{source}: {count} samples are too few for one batch");
        (_sampler, _open, _workers, _totalEpochs) = (sampler, open, workers, totalEpochs);
        ViewsPerBatch = sampler.Batch(0, 0).Length * viewsPerSample;
    }

    /// <summary>Batches of image views; <paramref name="totalEpochs"/> drives curriculum progress.</summary>
    public static PrefetchedBatchSource ForImages(ImageDataset data, IBatchSampler sampler, ViewGenerator views, int viewsPerSample, int totalEpochs, int workers = 2)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(views);
        return new(data.Source, data.Count, sampler, (s, options) => Loaders.Views(data, s, views, options), viewsPerSample, totalEpochs, workers);
    }

    /// <summary>
    /// Batches of image-text pairs for CLIP: the single view of <paramref name="views"/> for the images (<c>Views[0]</c>)
    /// and the captions' token ids (<c>Views[1]</c>).
    /// </summary>
    public static PrefetchedBatchSource ForImageText(ImageTextDataset data, IBatchSampler sampler, ViewGenerator views, int totalEpochs, int workers = 2)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(views);
        return new(data.Images.Source, data.Count, sampler, (s, options) => new PrefetchingLoader<ViewBatch>(s, job =>
        {
            var images = views.Generate(data.Images, job.Indices, job.Epoch, job.BatchIndex, job.Progress);
            return new ViewBatch([images.Views[0], data.TokenIds(job.Indices)], images.Labels, images.Indices, images.Epoch, images.BatchIndex);
        }, options), viewsPerSample: 1, totalEpochs, workers);
    }

    /// <summary>Batches of table-row views (e.g. SCARF); <paramref name="viewsPerSample"/> is the generator's number of views.</summary>
    public static PrefetchedBatchSource ForTables(TabularDataset data, IBatchSampler sampler, TabularViewGenerator views, int viewsPerSample, int totalEpochs, int workers = 2)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(views);
        return new(data.Source, data.Count, sampler, (s, options) => Loaders.TabularViews(data, s, views, options), viewsPerSample, totalEpochs, workers);
    }

    /// <inheritdoc />
    public int BatchesPerEpoch => _sampler.BatchesPerEpoch;

    /// <inheritdoc />
    public int ViewsPerBatch { get; }

    /// <inheritdoc />
    public TimeSpan WaitTime => _waited;

    /// <inheritdoc />
    public IEnumerable<TrainingBatch> Epoch(int epoch, long firstStep, CancellationToken cancellation)
    {
        using var loader = _open(_sampler, new LoaderOptions
        {
            Workers = _workers,
            Start = new SamplerPosition(epoch, 0),
            EndEpoch = epoch + 1,
            TotalEpochs = Math.Max(_totalEpochs, epoch + 1),
        });
        var step = firstStep;
        try
        {
            while (loader.TryNext(out var batch, cancellation))
                yield return new TrainingBatch(batch.Views, batch.Labels, batch.Indices, step++);
        }
        finally
        {
            _waited += loader.WaitTime;
        }
    }
}
