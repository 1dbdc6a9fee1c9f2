namespace Contrastive.Data.Audio;

/// <summary>
/// Log-mel spectrograms of mono signals (<see cref="LogMelOptions"/>): power STFT by <see cref="RealFft"/>, mel filter
/// bank, log. Outputs are (mels, frames) row-major, a one-channel image whose rows are bands (low first) and columns
/// frames. Thread-safe.
/// </summary>
public sealed class LogMelSpectrogram
{
    private readonly RealFft _fft;
    private readonly double[] _window; // the Hann window centred in the FFT frame, zeros around it
    private readonly double[] _filters;

    /// <summary>Prepares the front end.</summary>
    /// <exception cref="ArgumentException">The options are invalid (<see cref="LogMelOptions.Validate"/>).</exception>
    public LogMelSpectrogram(LogMelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _fft = new RealFft(options.FftSize);
        _window = new double[options.FftSize];
        var offset = (options.FftSize - options.WindowLength) / 2;
        for (var i = 0; i < options.WindowLength; i++) _window[offset + i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / options.WindowLength); // periodic Hann
        _filters = MelFilterBank.Create(_fft.Bins, options.MinFrequency, options.MaxFrequency ?? options.SampleRate / 2.0, options.Mels, options.SampleRate);
    }

    /// <summary>The settings.</summary>
    public LogMelOptions Options { get; }

    /// <summary>The power spectrogram |STFT|^2, (FftSize / 2 + 1, frames).</summary>
    /// <exception cref="ArgumentException">The signal is not longer than FftSize / 2 (reflect padding needs that).</exception>
    public double[] Power(ReadOnlySpan<float> signal)
    {
        var n = _fft.Size;
        if (signal.Length <= n / 2) throw new ArgumentException($"log-mel: a signal of {signal.Length} samples is too short for FFT size {n} (needs more than {n / 2})");
        var frames = Options.Frames(signal.Length);
        var bins = _fft.Bins;
        var power = new double[bins * frames];
        var frame = new double[n];
        var column = new double[bins];
        for (var t = 0; t < frames; t++)
        {
            for (var i = 0; i < n; i++) frame[i] = _window[i] == 0 ? 0 : _window[i] * signal[Reflect(t * Options.HopLength + i - n / 2, signal.Length)];
            _fft.PowerSpectrum(frame, column);
            for (var b = 0; b < bins; b++) power[b * frames + t] = column[b];
        }
        return power;
    }

    /// <summary>log(mel power + 1e-6), (mels, frames) row-major.</summary>
    /// <exception cref="ArgumentException">The signal is too short (see <see cref="Power"/>).</exception>
    public float[] Compute(ReadOnlySpan<float> signal)
    {
        var power = Power(signal);
        var (bins, mels, frames) = (_fft.Bins, Options.Mels, Options.Frames(signal.Length));
        var output = new float[mels * frames];
        var sums = new double[frames];
        for (var j = 0; j < mels; j++)
        {
            Array.Clear(sums);
            for (var b = 0; b < bins; b++)
            {
                var w = _filters[b * mels + j];
                if (w == 0) continue;
                for (var t = 0; t < frames; t++) sums[t] += w * power[b * frames + t];
            }
            for (var t = 0; t < frames; t++) output[j * frames + t] = (float)Math.Log(sums[t] + LogMelOptions.LogFloor);
        }
        return output;
    }

    /// <summary>Index i of a signal of length n reflected at both ends without repeating the edge (numpy "reflect").</summary>
    private static int Reflect(int i, int n)
    {
        if (i < 0) i = -i;
        if (i >= n) i = 2 * (n - 1) - i;
        return i;
    }
}
