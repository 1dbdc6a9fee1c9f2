namespace Contrastive.Data.Audio;

/// <summary>
/// Triangular mel filters on the HTK mel scale m = 2595 log10(1 + f / 700), as torchaudio.functional.melscale_fbanks
/// with norm None: M + 2 edges equally spaced in mel between the lowest and highest frequency, filter j rising from edge
/// j to j+1 and falling to j+2, evaluated at the FFT bin frequencies linspace(0, sr / 2, bins).
/// </summary>
public static class MelFilterBank
{
    /// <summary>The filter weights, (bins, mels) row-major.</summary>
    public static double[] Create(int bins, double minFrequency, double maxFrequency, int mels, int sampleRate)
    {
        var edges = new double[mels + 2];
        var (low, high) = (HzToMel(minFrequency), HzToMel(maxFrequency));
        for (var i = 0; i < edges.Length; i++) edges[i] = MelToHz(low + (high - low) * i / (mels + 1));
        var weights = new double[bins * mels];
        for (var b = 0; b < bins; b++)
        {
            var f = (sampleRate / 2) * (double)b / (bins - 1); // torchaudio uses sample_rate // 2
            for (var j = 0; j < mels; j++)
            {
                var down = (f - edges[j]) / (edges[j + 1] - edges[j]);
                var up = (edges[j + 2] - f) / (edges[j + 2] - edges[j + 1]);
                weights[b * mels + j] = Math.Max(0, Math.Min(down, up));
            }
        }
        return weights;
    }

    private static double HzToMel(double hz) => 2595.0 * Math.Log10(1.0 + hz / 700.0);

    private static double MelToHz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
}
