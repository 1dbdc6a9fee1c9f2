using Contrastive.Tensors;

namespace Contrastive.Data.Audio;

/// <summary>
/// SpecAugment's masking (Park et al. 2019) of a (bands, frames) spectrogram: <see cref="FrequencyMasks"/> runs of f
/// consecutive bands and <see cref="TimeMasks"/> runs of t consecutive frames, f and t uniform in [0, max width] and the
/// start uniform where the run fits, set to <see cref="Value"/>. No time warping.
/// </summary>
public sealed record SpecAugment(int FrequencyMasks, int MaxFrequencyWidth, int TimeMasks, int MaxTimeWidth, float Value = 0f)
{
    /// <summary>Masks <paramref name="spectrogram"/> ((<paramref name="bands"/>, frames) row-major) in place.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of frames of <paramref name="bands"/> bands.</exception>
    public void Apply(Span<float> spectrogram, int bands, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (bands <= 0 || spectrogram.Length % bands != 0)
            throw new ArgumentException($"SpecAugment: {spectrogram.Length} values are not a whole number of frames of {bands} bands");
        var frames = spectrogram.Length / bands;
        for (var m = 0; m < FrequencyMasks; m++)
        {
            var (start, width) = Run(bands, MaxFrequencyWidth, rng);
            spectrogram.Slice(start * frames, width * frames).Fill(Value);
        }
        for (var m = 0; m < TimeMasks; m++)
        {
            var (start, width) = Run(frames, MaxTimeWidth, rng);
            for (var b = 0; b < bands; b++) spectrogram.Slice(b * frames + start, width).Fill(Value);
        }
    }

    private static (int Start, int Width) Run(int size, int maxWidth, Rng rng)
    {
        var width = rng.NextInt(Math.Min(maxWidth, size) + 1);
        return (rng.NextInt(size - width + 1), width);
    }
}
