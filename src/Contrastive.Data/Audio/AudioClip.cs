namespace Contrastive.Data.Audio;

/// <summary>Mono audio: samples in [-1, 1] (nominally; float WAV files may exceed it) at <see cref="SampleRate"/> Hz.</summary>
public sealed record AudioClip
{
    /// <summary>Creates a clip.</summary>
    /// <exception cref="ArgumentException">The sample rate is not positive or a sample is NaN or infinite.</exception>
    public AudioClip(float[] samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (sampleRate <= 0) throw new ArgumentException($"sample rate must be positive, got {sampleRate}", nameof(sampleRate));
        var bad = Array.FindIndex(samples, s => !float.IsFinite(s));
        if (bad >= 0) throw new ArgumentException($"sample {bad} is {samples[bad]}", nameof(samples));
        (Samples, SampleRate) = (samples, sampleRate);
    }

    /// <summary>The samples.</summary>
    public float[] Samples { get; }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>The length in seconds.</summary>
    public double Seconds => (double)Samples.Length / SampleRate;

    /// <summary>This clip at <paramref name="sampleRate"/> (itself when the rate is already that), see <see cref="Resampler"/>.</summary>
    public AudioClip ResampledTo(int sampleRate) =>
        sampleRate == SampleRate ? this : new AudioClip(Resampler.Resample(Samples, SampleRate, sampleRate), sampleRate);
}
