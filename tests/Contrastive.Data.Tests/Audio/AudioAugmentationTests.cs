using Contrastive.Data.Audio;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Audio;

public class AudioAugmentationTests
{
    private static float[] Ramp(int n) => [.. Enumerable.Range(0, n).Select(i => i + 1f)];

    private static int ZeroCrossings(float[] x) => Enumerable.Range(1, x.Length - 1).Count(i => (x[i - 1] < 0) != (x[i] < 0));

    [Fact]
    public void Segments_are_contiguous_crops_or_padded_copies()
    {
        var rng = new Rng(3);
        var crop = WaveformAugmentations.RandomSegment(Ramp(100), 30, rng);
        Assert.Equal(30, crop.Length);
        Assert.All(Enumerable.Range(1, 29), i => Assert.Equal(crop[0] + i, crop[i]));
        var padded = WaveformAugmentations.RandomSegment(Ramp(10), 30, rng);
        Assert.Equal(Ramp(10), padded.Where(v => v != 0));
        Assert.Equal(20, padded.Count(v => v == 0));
    }

    [Fact]
    public void Gain_scales_by_a_factor_within_the_decibel_range()
    {
        var signal = WavBytes.Sine(440, 16000, 1600);
        var louder = WaveformAugmentations.RandomGain(signal, 6f, 6f, new Rng(1));
        Assert.Equal(Math.Pow(10, 6 / 20.0), louder[7] / signal[7], 4);
        var drawn = WaveformAugmentations.RandomGain(signal, -3f, 3f, new Rng(2));
        Assert.InRange(drawn[7] / signal[7], Math.Pow(10, -3 / 20.0) - 1e-6, Math.Pow(10, 3 / 20.0) + 1e-6);
    }

    [Fact]
    public void Noise_has_the_drawn_signal_to_noise_ratio()
    {
        var signal = WavBytes.Sine(440, 16000, 16000);
        var noisy = WaveformAugmentations.AddNoise(signal, 20f, 20f, new Rng(4));
        var signalPower = signal.Average(v => (double)v * v);
        var noisePower = noisy.Zip(signal, (a, b) => (double)(a - b) * (a - b)).Average();
        Assert.Equal(20, 10 * Math.Log10(signalPower / noisePower), 0); // within 0.5 dB
        Assert.All(WaveformAugmentations.AddNoise(new float[50], 10f, 10f, new Rng(4)), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Speed_shortens_the_clip_and_raises_the_pitch_by_the_factor()
    {
        var tone = WavBytes.Sine(500, 16000, 16000);
        var faster = WaveformAugmentations.Speed(tone, 16000, 1.25);
        Assert.Equal(12800, faster.Length);
        Assert.Equal(1.25 * ZeroCrossings(tone) / tone.Length, (double)ZeroCrossings(faster) / faster.Length, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => WaveformAugmentations.Speed(tone, 16000, 0));
    }

    [Fact]
    public void SpecAugment_masks_whole_bands_and_whole_frames()
    {
        const int bands = 16, frames = 40;
        var spectrogram = Enumerable.Repeat(1f, bands * frames).ToArray();
        new SpecAugment(1, 4, 0, 0, Value: -5f).Apply(spectrogram, bands, new Rng(9));
        var maskedBands = Enumerable.Range(0, bands).Where(b => spectrogram.AsSpan(b * frames, frames).IndexOfAnyExcept(-5f) < 0).ToArray();
        Assert.InRange(maskedBands.Length, 0, 4);
        Assert.Equal(bands * frames - maskedBands.Length * frames, spectrogram.Count(v => v == 1f));

        var times = Enumerable.Repeat(1f, bands * frames).ToArray();
        new SpecAugment(0, 0, 3, 5).Apply(times, bands, new Rng(10));
        var maskedFrames = Enumerable.Range(0, frames).Where(t => Enumerable.Range(0, bands).All(b => times[b * frames + t] == 0f)).Count();
        Assert.Equal(bands * maskedFrames, times.Count(v => v == 0f));
        Assert.Throws<ArgumentException>(() => new SpecAugment(1, 1, 1, 1).Apply(new float[10], 3, new Rng(1)));
    }

    [Fact]
    public void Views_are_standardised_log_mel_segments_repeatable_by_seed()
    {
        var features = new AudioFeatures { SampleRate = 8000, Mels = 16, ClipSeconds = 0.5, SegmentSeconds = 0.25, Mean = -2f, Std = 3f };
        var clip = new AudioClip(WavBytes.Sine(600, 8000, 5000), 8000);
        var views = new AudioViews(features);
        var front = new LogMelSpectrogram(features.LogMel);
        var a = views.Create(clip, front, new Rng(5));
        Assert.Equal(16 * features.LogMel.Frames(2000), a.Length);
        Assert.Equal(a, views.Create(clip, front, new Rng(5)));
        Assert.NotEqual(a, views.Create(clip, front, new Rng(6)));

        var whole = features.Input(features.FixedLength(clip.Samples), front);
        var raw = front.Compute(features.FixedLength(clip.Samples));
        Assert.Equal((raw[17] + 2f) / 3f, whole[17], 5);
        Assert.Equal(clip.Samples.AsSpan(500, 4000).ToArray(), features.FixedLength(clip.Samples)); // the middle of a longer clip
    }

    [Fact]
    public void Speed_factors_span_the_largest_change_and_zero_means_none()
    {
        Assert.Equal([0.9, 0.95, 1.0, 1.05, 1.1], AudioViews.SpeedFactorsUpTo(0.1));
        Assert.Equal([1.0], AudioViews.SpeedFactorsUpTo(0));
        Assert.Equal(AudioViews.SpeedFactorsUpTo(AudioViews.DefaultSpeedChange), new AudioViews(new AudioFeatures()).SpeedFactors);
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioViews.SpeedFactorsUpTo(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioViews.SpeedFactorsUpTo(-0.1));
    }
}
