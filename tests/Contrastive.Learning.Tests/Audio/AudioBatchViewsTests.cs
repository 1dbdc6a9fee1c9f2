using Contrastive.Audio;
using Contrastive.Data.Audio;
using Contrastive.Data.Sampling;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Audio;

public class AudioBatchViewsTests
{
    private static AudioDataset Tones(int count) => new(
        [.. Enumerable.Range(0, count).Select(i => new AudioClip(WavBytes.Sine(300 + 40 * i, 8000, 3000 + 100 * i), 8000))],
        [.. Enumerable.Range(0, count).Select(i => $"c{i}.wav")], [.. Enumerable.Range(0, count).Select(i => i % 2)], ["a", "b"], "tones");

    private static readonly AudioFeatures s_features = new() { SampleRate = 8000, Mels = 16, ClipSeconds = 0.5, SegmentSeconds = 0.25 };

    [Fact]
    public void Batches_hold_two_segment_views_per_clip_and_repeat_by_seed()
    {
        var data = Tones(6);
        PrefetchedBatchSource Source() => new(new AudioBatchViews(data, new AudioViews(s_features), seed: 2), new ShuffledBatchSampler(6, 4, 1), totalEpochs: 1);
        var source = Source();
        var batch = source.Epoch(0, 0, CancellationToken.None).First();
        Assert.Equal(2, batch.Views.Count);
        Assert.Equal([4, 1, 16, s_features.LogMel.Frames(2000)], batch.Views[0].Shape.ToArray());
        Assert.Equal(batch.Indices.Select(i => data.Labels![i]), batch.Labels!);
        Assert.NotEqual(batch.Views[0].ToArray(), batch.Views[1].ToArray());
        var again = Source().Epoch(0, 0, CancellationToken.None).First();
        Assert.Equal(batch.Views[1].ToArray(), again.Views[1].ToArray());
        Assert.Equal(8, source.ViewsPerBatch);
    }

    [Fact]
    public void A_sampler_over_another_number_of_clips_or_a_clip_outside_them_is_refused()
    {
        var views = new AudioBatchViews(Tones(6), new AudioViews(s_features), seed: 2);
        Assert.Contains("indexes 5 samples, tones has 6", Assert.Throws<ArgumentException>(() => new PrefetchedBatchSource(views, new ShuffledBatchSampler(5, 4, 1), 1)).Message);
        Assert.Throws<ArgumentException>(() => views.Make(new Data.Loading.BatchJob(0, 0, 0, [6], 0)));
    }

    [Fact]
    public void Evaluation_data_holds_standardised_whole_clips()
    {
        var data = Tones(6);
        var features = s_features.FittedTo(data);
        var evaluation = AudioRun.Evaluation(new AudioDatasetSplit(data.Subset([0, 1, 2, 3], "train"), data.Subset([4, 5], "test")), features);
        Assert.Equal(features.ClipShape, new[] { evaluation.Geometry.Channels, evaluation.Geometry.Height, evaluation.Geometry.Width });
        var raw = evaluation.RawTrain().ToArray();
        Assert.Equal(4 * 16 * features.LogMel.Frames(4000), raw.Length);
        Assert.InRange(raw.Average(), -0.3, 0.3); // standardised with the statistics of all six clips, four of them here
        Assert.Equal("raw log-mel spectrogram", evaluation.RawName);
    }
}
