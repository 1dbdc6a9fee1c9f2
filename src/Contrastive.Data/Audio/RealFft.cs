namespace Contrastive.Data.Audio;

/// <summary>
/// The discrete Fourier transform X[k] = sum_t x[t] e^(-2 pi i k t / N), k = 0..N/2, of a real signal of a power-of-two
/// length N, computed as one complex radix-2 FFT of half the length: z[m] = x[2m] + i x[2m+1], Z = FFT(z), then
/// X[k] = (Z[k] + conj(Z[N/2-k])) / 2 - i e^(-2 pi i k / N) (Z[k] - conj(Z[N/2-k])) / 2 with Z[N/2] = Z[0].
/// Thread-safe: the twiddles are shared, the scratch is per call.
/// </summary>
public sealed class RealFft
{
    private readonly int _half;
    private readonly int[] _bitReversed;
    private readonly double[] _cos, _sin; // e^(-2 pi i k / N) for k < N/2

    /// <summary>Prepares the transform of length <paramref name="size"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not a power of two of at least 4.</exception>
    public RealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), $"FFT size must be a power of two of at least 4, got {size}");
        (Size, _half) = (size, size / 2);
        var bits = int.Log2(_half);
        _bitReversed = [.. Enumerable.Range(0, _half).Select(i => bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits)))];
        _cos = [.. Enumerable.Range(0, _half).Select(k => Math.Cos(2 * Math.PI * k / size))];
        _sin = [.. Enumerable.Range(0, _half).Select(k => -Math.Sin(2 * Math.PI * k / size))];
    }

    /// <summary>The transform length N.</summary>
    public int Size { get; }

    /// <summary>The number of output bins, N/2 + 1.</summary>
    public int Bins => _half + 1;

    /// <summary>Writes |X[k]|^2 for k = 0..N/2 of <paramref name="signal"/> (N values) to <paramref name="power"/>.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void PowerSpectrum(ReadOnlySpan<double> signal, Span<double> power)
    {
        if (signal.Length != Size || power.Length != Bins)
            throw new ArgumentException($"FFT of size {Size} takes {Size} samples into {Bins} bins, got {signal.Length} and {power.Length}");
        var re = new double[_half];
        var im = new double[_half];
        for (var m = 0; m < _half; m++)
        {
            var r = _bitReversed[m];
            (re[r], im[r]) = (signal[2 * m], signal[2 * m + 1]);
        }
        HalfLengthFft(re, im);
        for (var k = 0; k <= _half; k++)
        {
            var (zr, zi) = k == _half ? (re[0], im[0]) : (re[k], im[k]);
            var (cr, ci) = (re[(_half - k) % _half], -im[(_half - k) % _half]); // conj(Z[N/2 - k])
            var (er, ei) = ((zr + cr) / 2, (zi + ci) / 2);
            var (dr, di) = ((zr - cr) / 2, (zi - ci) / 2);
            var (wr, wi) = k == _half ? (-1.0, 0.0) : (_cos[k], _sin[k]);
            // X = E - i W D: W D = (wr dr - wi di) + i (wr di + wi dr); times -i swaps and negates
            var xr = er + (wr * di + wi * dr);
            var xi = ei - (wr * dr - wi * di);
            power[k] = xr * xr + xi * xi;
        }
    }

    /// <summary>In-place iterative radix-2 FFT of length N/2 on bit-reversed input.</summary>
    private void HalfLengthFft(double[] re, double[] im)
    {
        for (var span = 1; span < _half; span *= 2)
        {
            var stride = _half / span; // twiddle e^(-2 pi i j / (2 span)) = _cos/_sin at j * N / (2 span) = j * stride
            for (var start = 0; start < _half; start += 2 * span)
                for (var j = 0; j < span; j++)
                {
                    var (wr, wi) = (_cos[j * stride], _sin[j * stride]);
                    var (a, b) = (start + j, start + j + span);
                    var tr = wr * re[b] - wi * im[b];
                    var ti = wr * im[b] + wi * re[b];
                    (re[b], im[b]) = (re[a] - tr, im[a] - ti);
                    (re[a], im[a]) = (re[a] + tr, im[a] + ti);
                }
        }
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
