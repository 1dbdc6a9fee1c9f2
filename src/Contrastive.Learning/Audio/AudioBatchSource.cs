using Contrastive.Data.Audio;
using Contrastive.Data.Sampling;
using Contrastive.Methods;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Audio;

/// <summary>
/// Batches of audio views: for every clip of a batch, <see cref="ViewCount"/> independent <see cref="AudioViews"/> of it
/// (two segments of one clip are a positive pair, as in COLA), each view a (B, 1, mels, frames) tensor. Views are made in
/// parallel; clip i of batch b of an epoch draws from <c>Rng.Derive(seed ^ epoch, b, i)</c>, so a resumed run sees the
/// same batches.
/// </summary>
public sealed class AudioBatchSource : IBatchSource
{
    private readonly AudioDataset _train;
    private readonly AudioViews _views;
    private readonly IBatchSampler _sampler;
    private readonly LogMelSpectrogram _front;
    private readonly ulong _seed;

    /// <summary>Creates the source.</summary>
    /// <exception cref="ArgumentException">The sampler does not index the clips, or fewer than one view is asked for.</exception>
    public AudioBatchSource(AudioDataset train, AudioViews views, IBatchSampler sampler, ulong seed, int viewCount = 2)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(sampler);
        if (sampler.SampleCount != train.Count) throw new ArgumentException($"the sampler indexes {sampler.SampleCount} samples, the data has {train.Count} clips");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(viewCount);
        (_train, _views, _sampler, _seed, ViewCount) = (train, views, sampler, seed, viewCount);
        _front = new LogMelSpectrogram(views.Features.LogMel);
    }

    /// <summary>Views per clip.</summary>
    public int ViewCount { get; }

    /// <inheritdoc />
    public int BatchesPerEpoch => _sampler.BatchesPerEpoch;

    /// <inheritdoc />
    public int ViewsPerBatch => ViewCount * _sampler.Batch(0, 0).Length;

    /// <inheritdoc />
    public TimeSpan WaitTime { get; private set; }

    /// <inheritdoc />
    public IEnumerable<TrainingBatch> Epoch(int epoch, long firstStep, CancellationToken cancellation)
    {
        for (var b = 0; b < BatchesPerEpoch; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var batch = Batch(epoch, b, firstStep + b);
            WaitTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
            yield return batch;
        }
    }

    /// <summary>Batch <paramref name="b"/> of <paramref name="epoch"/>.</summary>
    public TrainingBatch Batch(int epoch, int b, long step)
    {
        var rows = _sampler.Batch(epoch, b);
        return new TrainingBatch(Views(rows, epoch, b), _train.Labels is { } labels ? [.. rows.Select(r => labels[r])] : null, rows, step);
    }

    /// <summary>The views of the clips at <paramref name="rows"/> as batch <paramref name="b"/> of <paramref name="epoch"/> draws them.</summary>
    public Tensor[] Views(int[] rows, int epoch, int b)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var shape = (_views.Features.Mels, _views.Features.LogMel.Frames(_views.Features.SegmentSamples));
        var size = shape.Item1 * shape.Item2;
        var data = Enumerable.Range(0, ViewCount).Select(_ => new float[rows.Length * size]).ToArray();
        Parallelism.ForChunks(rows.Length, 1, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var rng = Rng.Derive(_seed ^ (ulong)epoch, b, i);
                for (var v = 0; v < ViewCount; v++) _views.Create(_train.Clips[rows[i]], _front, rng).CopyTo(data[v].AsSpan(i * size, size));
            }
        });
        return [.. data.Select(d => new Tensor(d, [rows.Length, 1, shape.Item1, shape.Item2]))];
    }
}
