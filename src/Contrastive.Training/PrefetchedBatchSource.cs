using Contrastive.Data.Loading;
using Contrastive.Data.Sampling;
using Contrastive.Data.Views;
using Contrastive.Methods;

namespace Contrastive.Training;

/// <summary>
/// Training batches of augmented views of any modality (<see cref="IBatchViews"/>), prepared on worker threads by a
/// <see cref="PrefetchingLoader{TBatch}"/> while the model trains. The order and the views depend only on
/// (seed, epoch), so an epoch can be replayed exactly.
/// </summary>
public sealed class PrefetchedBatchSource : IBatchSource
{
    private readonly IBatchSampler _sampler;
    private readonly IBatchViews _views;
    private readonly int _workers;
    private readonly int _totalEpochs;
    private TimeSpan _waited;

    /// <summary>Batches of <paramref name="views"/> in the order of <paramref name="sampler"/>; <paramref name="totalEpochs"/>
    /// drives curriculum progress.</summary>
    /// <exception cref="ArgumentException">The sampler indexes another number of samples, or the samples are too few for one batch.</exception>
    public PrefetchedBatchSource(IBatchViews views, IBatchSampler sampler, int totalEpochs, int workers = 2)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(sampler);
        if (sampler.SampleCount != views.Count)
            throw new ArgumentException($"the sampler indexes {sampler.SampleCount} samples, {views.Source} has {views.Count}");
        if (sampler.BatchesPerEpoch < 1) throw new ArgumentException($"{views.Source}: {views.Count} samples are too few for one batch");
        (_views, _sampler, _workers, _totalEpochs) = (views, sampler, workers, totalEpochs);
        ViewsPerBatch = sampler.Batch(0, 0).Length * views.ViewsPerSample;
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
        using var loader = new PrefetchingLoader<ViewBatch>(_sampler, _views.Make, new LoaderOptions
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
