using Contrastive.Data;
using Contrastive.Data.Loading;
using Contrastive.Data.Sampling;
using Contrastive.Data.Views;
using Contrastive.Methods;

namespace Contrastive.Training;

/// <summary>
/// Training batches of corrupted table-row views (e.g. SCARF), prepared on worker threads by
/// <see cref="Loaders.TabularViews"/> while the model trains. The order and the views depend only on (seed, epoch),
/// so an epoch can be replayed exactly.
/// </summary>
public sealed class TabularBatchSource : IBatchSource
{
    private readonly TabularDataset _data;
    private readonly IBatchSampler _sampler;
    private readonly TabularViewGenerator _views;
    private readonly int _workers;
    private readonly int _totalEpochs;
    private TimeSpan _waited;

    /// <summary>Creates the source; <paramref name="viewsPerSample"/> is the generator's number of views.</summary>
    /// <exception cref="ArgumentException">The data is too small for one batch.</exception>
    public TabularBatchSource(TabularDataset data, IBatchSampler sampler, TabularViewGenerator views, int viewsPerSample, int totalEpochs, int workers = 2)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(views);
        if (sampler.BatchesPerEpoch < 1)
            throw new ArgumentException($"{data.Source}: {data.Count} rows are too few for one batch");
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
        LoaderEpoch.Drain(() => Loaders.TabularViews(_data, _sampler, _views, LoaderEpoch.Options(epoch, _workers, _totalEpochs)), firstStep, w => _waited += w, cancellation);
}
