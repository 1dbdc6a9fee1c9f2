using Contrastive.Data.Audio;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Audio;

/// <summary>The audio front end against tests/reference/audio.json (torch.stft and torchaudio's formulas, see make_audio_vectors.py).</summary>
public class AudioReferenceTests
{
    public static TheoryData<string> Spectrograms => [.. ReferenceData.Cases("audio.json").Where(c => c.Name.StartsWith("spectrogram_")).Select(c => c.Name)];

    public static TheoryData<string> Resamplings => [.. ReferenceData.Cases("audio.json").Where(c => c.Name.StartsWith("resample_")).Select(c => c.Name)];

    private static ReferenceCase Case(string name) => ReferenceData.Cases("audio.json").Single(c => c.Name == name);

    private static (LogMelSpectrogram Front, ReferenceCase Case) Front(string name)
    {
        var c = Case(name);
        var options = new LogMelOptions
        {
            SampleRate = (int)c.Param("sample_rate"),
            FftSize = (int)c.Param("n_fft"),
            WindowLength = (int)c.Param("win_length"),
            HopLength = (int)c.Param("hop_length"),
            Mels = (int)c.Param("n_mels"),
            MinFrequency = c.Param("f_min"),
            MaxFrequency = c.Param("f_max"),
        };
        return (new LogMelSpectrogram(options), c);
    }

    [Theory]
    [MemberData(nameof(Spectrograms))]
    public void Power_spectrogram_matches_torch_stft(string name)
    {
        var (front, c) = Front(name);
        var power = front.Power(c.Get("x").Span);
        var expected = c.Get("power");
        var peak = expected.Span.ToArray().Max();
        TensorAssert.Close(expected.Span, [.. power.Select(v => (float)v)], name, rel: 1e-4, abs: 1e-6 * peak);
    }

    [Theory]
    [MemberData(nameof(Spectrograms))]
    public void Mel_filter_bank_matches_torchaudio_formula(string name)
    {
        var (front, c) = Front(name);
        var o = front.Options;
        var bank = MelFilterBank.Create(o.FftSize / 2 + 1, o.MinFrequency, o.MaxFrequency!.Value, o.Mels, o.SampleRate);
        TensorAssert.Close(c.Get("fbank").Span, [.. bank.Select(v => (float)v)], name, rel: 1e-5, abs: 1e-6);
    }

    [Theory]
    [MemberData(nameof(Spectrograms))]
    public void Log_mel_and_mfcc_match_reference(string name)
    {
        var (front, c) = Front(name);
        var logMel = front.Compute(c.Get("x").Span);
        TensorAssert.Close(c.Get("log_mel").Span, logMel, name + " log-mel", rel: 1e-4, abs: 1e-4);
        var mfcc = Mfcc.FromLogMel(logMel, front.Options.Mels, (int)c.Param("n_mfcc"));
        TensorAssert.Close(c.Get("mfcc").Span, mfcc, name + " mfcc", rel: 1e-4, abs: 1e-3);
        var mean = Mfcc.Mean(logMel, front.Options.Mels, (int)c.Param("n_mfcc"));
        var frames = mfcc.Length / mean.Length;
        Assert.Equal(c.Get("mfcc").Span.Slice(frames, frames).ToArray().Average(), mean[1], 3);
    }

    [Theory]
    [MemberData(nameof(Resamplings))]
    public void Resampling_matches_torchaudio(string name)
    {
        var c = Case(name);
        var y = Resampler.Resample(c.Get("x").Span, (int)c.Param("orig_freq"), (int)c.Param("new_freq"));
        TensorAssert.Close(c.Get("y").Span, y, name, rel: 1e-4, abs: 2e-5);
    }

    [Fact]
    public void Fft_of_a_pure_tone_puts_its_energy_in_one_bin()
    {
        var fft = new RealFft(64);
        var signal = Enumerable.Range(0, 64).Select(t => Math.Cos(2 * Math.PI * 5 * t / 64)).ToArray();
        var power = new double[fft.Bins];
        fft.PowerSpectrum(signal, power);
        Assert.Equal(32.0 * 32.0, power[5], 6); // |N/2|^2
        Assert.All(power.Where((_, k) => k != 5), p => Assert.True(p < 1e-18, $"leak {p}"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(48));
    }

    [Fact]
    public void Bad_front_end_settings_and_short_signals_are_refused()
    {
        Assert.Contains("power of two", Assert.Throws<ArgumentException>(() => new LogMelSpectrogram(new LogMelOptions { FftSize = 500 })).Message);
        Assert.Contains("max frequency", Assert.Throws<ArgumentException>(() => new LogMelSpectrogram(new LogMelOptions { MaxFrequency = 9000 })).Message);
        Assert.Contains("too short", Assert.Throws<ArgumentException>(() => new LogMelSpectrogram(new LogMelOptions()).Compute(new float[100])).Message);
    }
}
