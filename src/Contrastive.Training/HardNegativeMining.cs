using Contrastive.Data;
using Contrastive.Data.Sampling;
using Contrastive.Data.Views;
using Contrastive.Evaluation.Retrieval;
using Contrastive.Methods;
using Contrastive.Models;

namespace Contrastive.Training;

/// <summary>
/// Offline hard-negative mining around a batch source whose sampler is a <see cref="TripletBatchSampler"/>: at the
/// start of every <see cref="Every"/>-th epoch, and of the first epoch a run trains (fresh or resumed), the model's
/// projections of all training images are embedded and each image's <see cref="Neighbours"/> nearest images by cosine
/// become the table its hard negatives are drawn from (<see cref="NeighbourNegatives"/>: a neighbour of another class).
/// A resumed run rebuilds the table from the model it resumes, so it repeats an uninterrupted run exactly when the
/// table is rebuilt every epoch (<see cref="Every"/> = 1).
/// </summary>
public sealed class HardNegativeMining : IBatchSource
{
    private readonly IBatchSource _inner;
    private readonly TripletBatchSampler _sampler;
    private readonly EmbeddingModel _model;
    private readonly ImageDataset _train;
    private readonly LabelIndex _labels;
    private bool _built;

    /// <summary>Wraps <paramref name="inner"/>, whose batches <paramref name="sampler"/> draws from <paramref name="train"/>.</summary>
    /// <exception cref="ArgumentException">The images have no labels, or <paramref name="every"/> or <paramref name="neighbours"/> is below 1.</exception>
    public HardNegativeMining(IBatchSource inner, TripletBatchSampler sampler, EmbeddingModel model, ImageDataset train, int every, int neighbours = DefaultNeighbours)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        if (train.Labels is null) throw new ArgumentException($"hard negatives are images of another class: {train.Source} has no labels");
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), $"the hard-negative table is rebuilt every N >= 1 epochs, got {every}");
        if (neighbours < 1) throw new ArgumentOutOfRangeException(nameof(neighbours), $"neighbours must be at least 1, got {neighbours}");
        (_inner, _sampler, _model, _train, _labels, Every, Neighbours) = (inner, sampler, model, train, new LabelIndex(train.Labels), every, neighbours);
    }

    /// <summary>Neighbours per image in the table when none is given.</summary>
    public const int DefaultNeighbours = 10;

    /// <summary>Epochs between rebuilds of the table.</summary>
    public int Every { get; }

    /// <summary>Nearest images per image in the table.</summary>
    public int Neighbours { get; }

    /// <inheritdoc />
    public int BatchesPerEpoch => _inner.BatchesPerEpoch;

    /// <inheritdoc />
    public int ViewsPerBatch => _inner.ViewsPerBatch;

    /// <inheritdoc />
    public TimeSpan WaitTime => _inner.WaitTime;

    /// <inheritdoc />
    public IEnumerable<TrainingBatch> Epoch(int epoch, long firstStep, CancellationToken cancellation)
    {
        if (!_built || epoch % Every == 0)
        {
            var projections = Embedder.Embed(_model, _train);
            var table = NearestNeighbors.Find(projections, [.. Enumerable.Range(0, _train.Count)], Neighbours);
            _sampler.HardNegatives = new NeighbourNegatives(_labels, [.. table.SelectMany(row => row)], Neighbours);
            _built = true;
        }
        return _inner.Epoch(epoch, firstStep, cancellation);
    }
}
