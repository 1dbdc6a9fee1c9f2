using Contrastive.Tensors;

namespace Contrastive.Data.Audio;

/// <summary>Random changes to a waveform, for contrastive views of audio. Each returns a new array.</summary>
public static class WaveformAugmentations
{
    /// <summary>A random crop of <paramref name="length"/> samples (COLA's segment); a shorter signal is placed at a random
    /// offset in silence of that length.</summary>
    public static float[] RandomSegment(ReadOnlySpan<float> signal, int length, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var output = new float[length];
        if (signal.Length >= length) signal.Slice(rng.NextInt(signal.Length - length + 1), length).CopyTo(output);
        else signal.CopyTo(output.AsSpan(rng.NextInt(length - signal.Length + 1)));
        return output;
    }

    /// <summary>The signal times 10^(g / 20) for a gain g drawn uniformly from [<paramref name="minDb"/>, <paramref name="maxDb"/>].</summary>
    public static float[] RandomGain(ReadOnlySpan<float> signal, float minDb, float maxDb, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var gain = MathF.Pow(10f, rng.Uniform(minDb, maxDb) / 20f);
        var output = signal.ToArray();
        for (var i = 0; i < output.Length; i++) output[i] *= gain;
        return output;
    }

    /// <summary>The signal plus white Gaussian noise at a signal-to-noise ratio drawn uniformly from [<paramref name="minSnrDb"/>,
    /// <paramref name="maxSnrDb"/>] dB: noise std = rms(signal) 10^(-snr / 20). A silent signal stays silent.</summary>
    public static float[] AddNoise(ReadOnlySpan<float> signal, float minSnrDb, float maxSnrDb, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var output = signal.ToArray();
        var sumSquares = 0.0;
        foreach (var s in signal) sumSquares += s * s;
        if (output.Length == 0 || sumSquares == 0) return output;
        var std = (float)Math.Sqrt(sumSquares / output.Length) * MathF.Pow(10f, -rng.Uniform(minSnrDb, maxSnrDb) / 20f);
        for (var i = 0; i < output.Length; i++) output[i] += std * rng.NextGaussian();
        return output;
    }

    /// <summary>The signal played <paramref name="factor"/> times faster (pitch moves with it, as sox's <c>speed</c>):
    /// resampled from sampleRate x factor (rounded to Hz) to sampleRate Hz.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The factor is not positive.</exception>
    public static float[] Speed(ReadOnlySpan<float> signal, int sampleRate, double factor)
    {
        if (!(factor > 0)) throw new ArgumentOutOfRangeException(nameof(factor), $"speed factor must be positive, got {factor}");
        return Resampler.Resample(signal, (int)Math.Round(sampleRate * factor), sampleRate);
    }
}
