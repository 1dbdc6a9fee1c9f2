using Contrastive.Data;
using Contrastive.Methods;
using Contrastive.Nn;
using Contrastive.Training;

namespace Contrastive.Runs;

/// <summary>
/// DeepCluster's alternation (Caron et al. 2018) around the batches of a pseudo-label run: at the start of every
/// <see cref="Every"/>-th epoch the training images are clustered again with the encoder as it is then
/// (<see cref="PseudoLabels.Assign"/>), and the epoch's batches are drawn with the new cluster ids as labels. Epoch 0
/// trains on the clusters of the starting encoder. A run re-clusters in rounds of as many epochs
/// (<see cref="TrainerOptions.RoundEpochs"/>), each trained as a fresh run from the encoder that clustered. A resumed
/// run clusters with the model it resumes at its first epoch, so it repeats an uninterrupted run exactly when it
/// re-clusters every epoch (<see cref="Every"/> = 1). (Setup has
/// clustered the starting encoder by then, which a resumed run does not train on: one clustering more than needed.)
/// </summary>
public sealed class Reclustering : IBatchSource
{
    private readonly Func<ImageDataset, IBatchSource> _batchesOf;
    private readonly Module _encoder;
    private readonly ImageDataset _images;
    private readonly int _clusters;
    private readonly ulong _seed;
    private IBatchSource _current;
    private bool _started;
    private TimeSpan _waitedBefore;

    /// <summary>Starts from <paramref name="first"/>, the batches of the starting encoder's clusters, and builds the batches
    /// of later clusterings of <paramref name="images"/> by <paramref name="encoder"/> with <paramref name="batchesOf"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> is below 1.</exception>
    public Reclustering(IBatchSource first, Func<ImageDataset, IBatchSource> batchesOf, Module encoder, ImageDataset images, int clusters, int every, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(batchesOf);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(images);
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), $"re-clustering happens every N >= 1 epochs, got {every}");
        (_current, _batchesOf, _encoder, _images, _clusters, Every, _seed) = (first, batchesOf, encoder, images, clusters, every, seed);
    }

    /// <summary>Epochs between clusterings.</summary>
    public int Every { get; }

    /// <inheritdoc />
    public int BatchesPerEpoch => _current.BatchesPerEpoch;

    /// <inheritdoc />
    public int ViewsPerBatch => _current.ViewsPerBatch;

    /// <inheritdoc />
    public TimeSpan WaitTime => _waitedBefore + _current.WaitTime;

    /// <inheritdoc />
    public IEnumerable<TrainingBatch> Epoch(int epoch, long firstStep, CancellationToken cancellation)
    {
        if (epoch > 0 && (epoch % Every == 0 || !_started))
        {
            _waitedBefore += _current.WaitTime;
            _current = _batchesOf(PseudoLabels.Assign(_encoder, _images, _clusters, _seed));
        }
        _started = true;
        return _current.Epoch(epoch, firstStep, cancellation);
    }
}
