using System.Collections.Concurrent;

namespace Contrastive.Data.Audio;

/// <summary>
/// Band-limited resampling between integer rates, as torchaudio.functional.resample (windowed sinc with a Hann
/// window, lowpass_filter_width 6, rolloff 0.99). With the rates reduced by their gcd to o -&gt; n, output j is
/// y[j] = sum_k h[j mod n][k] x[(j div n) o + k - w] over k in [0, 2w + o), where h[p][k] = s sinc(pi t) cos^2(pi t / 12),
/// t = clamp(((k - w) / o - p / n) f, -6, 6), f = 0.99 min(o, n), s = f / o, w = ceil(6 o / f), and x is 0 outside the
/// input; the output has ceil(n len / o) samples. Kernels are cached per rate pair.
/// </summary>
public static class Resampler
{
    private const int LowpassWidth = 6;
    private const double Rolloff = 0.99;
    private static readonly ConcurrentDictionary<(int, int), (float[][] Kernels, int Width)> s_kernels = new();

    /// <summary>Resamples <paramref name="samples"/> from <paramref name="fromRate"/> to <paramref name="toRate"/> Hz.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is not positive.</exception>
    public static float[] Resample(ReadOnlySpan<float> samples, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate) return samples.ToArray();
        var gcd = Gcd(fromRate, toRate);
        var (o, n) = (fromRate / gcd, toRate / gcd);
        var (kernels, width) = s_kernels.GetOrAdd((o, n), key => Kernels(key.Item1, key.Item2));
        var output = new float[(int)Math.Ceiling((double)n * samples.Length / o)];
        for (var j = 0; j < output.Length; j++)
        {
            var kernel = kernels[j % n];
            var start = (long)(j / n) * o - width;
            var sum = 0.0;
            for (var k = Math.Max(0, (int)-start); k < kernel.Length && start + k < samples.Length; k++) sum += kernel[k] * samples[(int)(start + k)];
            output[j] = (float)sum;
        }
        return output;
    }

    private static (float[][] Kernels, int Width) Kernels(int o, int n)
    {
        var f = Math.Min(o, n) * Rolloff;
        var width = (int)Math.Ceiling(LowpassWidth * o / f);
        var kernels = new float[n][];
        for (var p = 0; p < n; p++)
        {
            kernels[p] = new float[2 * width + o];
            for (var k = 0; k < kernels[p].Length; k++)
            {
                var t = Math.Clamp(((double)(k - width) / o - (double)p / n) * f, -LowpassWidth, LowpassWidth);
                var window = Math.Cos(t * Math.PI / LowpassWidth / 2);
                var sinc = t == 0 ? 1.0 : Math.Sin(Math.PI * t) / (Math.PI * t);
                kernels[p][k] = (float)(sinc * window * window * f / o);
            }
        }
        return (kernels, width);
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
