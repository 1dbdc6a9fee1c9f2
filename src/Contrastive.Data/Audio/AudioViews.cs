using Contrastive.Tensors;

namespace Contrastive.Data.Audio;

/// <summary>
/// One random view of a clip for contrastive training (COLA-style: two views of a clip are two segments of it): a
/// speed change (a factor from <see cref="SpeedFactors"/>), a random segment of <see cref="AudioFeatures.SegmentSeconds"/>,
/// a gain of +-<see cref="GainDb"/> dB, white noise at an SNR between <see cref="MinSnrDb"/> and <see cref="MaxSnrDb"/> dB
/// with probability <see cref="NoiseProbability"/>, the standardised log-mel, then SpecAugment masks set to 0 (the mean).
/// </summary>
public sealed record AudioViews(AudioFeatures Features)
{
    /// <summary>The largest speed change when none is given: 0.1, factors 0.9 to 1.1.</summary>
    public const double DefaultSpeedChange = 0.1;

    /// <summary>Speed factors drawn uniformly (1 = unchanged).</summary>
    public IReadOnlyList<double> SpeedFactors { get; init; } = SpeedFactorsUpTo(DefaultSpeedChange);

    /// <summary>Five speed factors 1 - c, 1 - c / 2, 1, 1 + c / 2 and 1 + c for the largest change <paramref name="change"/>;
    /// just 1 for 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="change"/> is outside [0, 0.5).</exception>
    public static IReadOnlyList<double> SpeedFactorsUpTo(double change)
    {
        if (change is < 0 or >= 0.5) throw new ArgumentOutOfRangeException(nameof(change), change, "the speed change must be in [0, 0.5)");
        return change == 0 ? [1.0] : [1 - change, 1 - change / 2, 1.0, 1 + change / 2, 1 + change];
    }

    /// <summary>Largest gain change, in dB either way.</summary>
    public float GainDb { get; init; } = 6f;

    /// <summary>Chance of adding noise.</summary>
    public double NoiseProbability { get; init; } = 0.5;

    /// <summary>Lowest signal-to-noise ratio of the noise, dB.</summary>
    public float MinSnrDb { get; init; } = 10f;

    /// <summary>Highest signal-to-noise ratio of the noise, dB.</summary>
    public float MaxSnrDb { get; init; } = 30f;

    /// <summary>The masks: 2 of up to 8 bands and 2 of up to 5 frames by default.</summary>
    public SpecAugment Masks { get; init; } = new(2, 8, 2, 5);

    /// <summary>A view of <paramref name="clip"/> (at the features' rate), (mels, segment frames) row-major.</summary>
    public float[] Create(AudioClip clip, LogMelSpectrogram front, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(rng);
        var length = Features.SegmentSamples;
        var factor = SpeedFactors[rng.NextInt(SpeedFactors.Count)];
        var segment = WaveformAugmentations.RandomSegment(clip.Samples, (int)Math.Round(length * factor), rng);
        if (factor != 1.0) segment = WaveformAugmentations.Speed(segment, Features.SampleRate, factor);
        Array.Resize(ref segment, length); // the resampler rounds the length up by at most a sample
        segment = WaveformAugmentations.RandomGain(segment, -GainDb, GainDb, rng);
        if (rng.Bernoulli(NoiseProbability)) segment = WaveformAugmentations.AddNoise(segment, MinSnrDb, MaxSnrDb, rng);
        var input = Features.Input(segment, front);
        Masks.Apply(input, Features.Mels, rng);
        return input;
    }
}
