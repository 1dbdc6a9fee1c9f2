namespace Contrastive.Data.Audio;

/// <summary>
/// Mel-frequency cepstral coefficients: the orthonormal DCT-II of each frame's log-mel bands (torchaudio.functional.create_dct
/// with norm "ortho"), c_k = s_k sum_n x_n cos(pi / M (n + 1/2) k), s_0 = sqrt(1 / M), s_k = sqrt(2 / M).
/// </summary>
public static class Mfcc
{
    /// <summary>The first <paramref name="coefficients"/> MFCCs of a (mels, frames) log-mel spectrogram, (coefficients, frames).</summary>
    /// <exception cref="ArgumentException">The sizes do not agree or more coefficients than bands are asked for.</exception>
    public static float[] FromLogMel(ReadOnlySpan<float> logMel, int mels, int coefficients)
    {
        if (mels <= 0 || logMel.Length % mels != 0) throw new ArgumentException($"MFCC: {logMel.Length} values are not a whole number of frames of {mels} bands");
        if (coefficients <= 0 || coefficients > mels) throw new ArgumentException($"MFCC: need 1 to {mels} coefficients, got {coefficients}");
        var frames = logMel.Length / mels;
        var output = new float[coefficients * frames];
        for (var k = 0; k < coefficients; k++)
        {
            var scale = Math.Sqrt((k == 0 ? 1.0 : 2.0) / mels);
            for (var t = 0; t < frames; t++)
            {
                var sum = 0.0;
                for (var n = 0; n < mels; n++) sum += logMel[n * frames + t] * Math.Cos(Math.PI / mels * (n + 0.5) * k);
                output[k * frames + t] = (float)(scale * sum);
            }
        }
        return output;
    }

    /// <summary>The mean over frames of each of the first <paramref name="coefficients"/> MFCCs: a fixed-length clip summary.</summary>
    public static float[] Mean(ReadOnlySpan<float> logMel, int mels, int coefficients)
    {
        var mfcc = FromLogMel(logMel, mels, coefficients);
        var frames = mfcc.Length / coefficients;
        return [.. Enumerable.Range(0, coefficients).Select(k => mfcc.AsSpan(k * frames, frames).ToArray().Average())];
    }
}
