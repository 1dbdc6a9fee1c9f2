using Contrastive.Data.Loading;
using Contrastive.Data.Views;
using Contrastive.Tensors;

namespace Contrastive.Data.Audio;

/// <summary>
/// Batches of audio views: for every clip of a batch, <see cref="ViewsPerSample"/> independent <see cref="AudioViews"/> of
/// it (two segments of one clip are a positive pair, as in COLA), each view a (B, 1, mels, frames) tensor. Views are made
/// in parallel; clip i of batch b of an epoch draws from <c>Rng.Derive(seed ^ epoch, b, i)</c>.
/// </summary>
public sealed class AudioBatchViews : IBatchViews
{
    private readonly AudioDataset _clips;
    private readonly AudioViews _views;
    private readonly LogMelSpectrogram _front;
    private readonly ulong _seed;

    /// <summary>Creates the views of <paramref name="clips"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one view is asked for.</exception>
    public AudioBatchViews(AudioDataset clips, AudioViews views, ulong seed, int viewCount = 2)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(viewCount);
        (_clips, _views, _seed, ViewsPerSample) = (clips, views, seed, viewCount);
        _front = new LogMelSpectrogram(views.Features.LogMel);
    }

    /// <inheritdoc />
    public string Source => _clips.Source;

    /// <inheritdoc />
    public int Count => _clips.Count;

    /// <inheritdoc />
    public int ViewsPerSample { get; }

    /// <inheritdoc />
    public ViewBatch Make(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var rows = job.Indices;
        foreach (var row in rows)
            if ((uint)row >= (uint)Count) throw new ArgumentException($"clip index {row} is outside {Source} (0..{Count - 1})");
        var shape = (_views.Features.Mels, _views.Features.LogMel.Frames(_views.Features.SegmentSamples));
        var size = shape.Item1 * shape.Item2;
        var data = Enumerable.Range(0, ViewsPerSample).Select(_ => new float[rows.Length * size]).ToArray();
        Parallelism.ForChunks(rows.Length, 1, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var rng = Rng.Derive(_seed ^ (ulong)job.Epoch, job.BatchIndex, i);
                for (var v = 0; v < ViewsPerSample; v++) _views.Create(_clips.Clips[rows[i]], _front, rng).CopyTo(data[v].AsSpan(i * size, size));
            }
        });
        Tensor[] views = [.. data.Select(d => new Tensor(d, [rows.Length, 1, shape.Item1, shape.Item2]))];
        return new ViewBatch(views, _clips.Labels is { } labels ? [.. rows.Select(r => labels[r])] : null, rows, job.Epoch, job.BatchIndex);
    }
}
