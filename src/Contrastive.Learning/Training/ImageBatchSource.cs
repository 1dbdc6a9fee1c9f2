using Contrastive.Data;
using Contrastive.Data.Loading;
using Contrastive.Data.Sampling;
using Contrastive.Data.Views;
using Contrastive.Methods;

namespace Contrastive.Training;

/// <summary>
/// Training batches of augmented image views, prepared on worker threads by a <see cref="PrefetchingLoader{TBatch}"/>
/// while the model trains. The order and the views depend only on (seed, epoch), so an epoch can be replayed exactly.
/// </summary>
public sealed class ImageBatchSource : IBatchSource
{
    private readonly ImageDataset _data;
    private readonly IBatchSampler _sampler;
    private readonly ViewGenerator _views;
    private readonly int _workers;
    private readonly int _totalEpochs;
    private TimeSpan _waited;

    /// <summary>Creates the source; <paramref name="totalEpochs"/> drives curriculum progress.</summary>
    public ImageBatchSource(ImageDataset data, IBatchSampler sampler, ViewGenerator views, int viewsPerSample, int totalEpochs, int workers = 2)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(views);
        if (sampler.BatchesPerEpoch < 1)
            throw new ArgumentException($"{data.Source}: {data.Count} samples are too few for one batch");
        (_data, _sampler, _views, _workers, _totalEpochs) = (data, sampler, views, workers, totalEpochs);
        ViewsPerBatch = sampler.Batch(0, 0).Length * viewsPerSample;
    }

    /// <inheritdoc />
    public int BatchesPerEpoch => _sampler.BatchesPerEpoch;

    /// <inheritdoc />
    public int ViewsPerBatch { get; }

    /// <inheritdoc />
    public TimeSpan WaitTime => _waited;

    /// <inheritdoc />
    public IEnumerable<TrainingBatch> Epoch(int epoch, long firstStep, CancellationToken cancellation) =>
        LoaderEpoch.Drain(() => Loaders.Views(_data, _sampler, _views, LoaderEpoch.Options(epoch, _workers, _totalEpochs)), firstStep, w => _waited += w, cancellation);
}
