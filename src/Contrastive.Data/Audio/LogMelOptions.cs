namespace Contrastive.Data.Audio;

/// <summary>
/// The log-mel front end: STFT frames of <see cref="WindowLength"/> samples (a periodic Hann window centred in
/// <see cref="FftSize"/>) every <see cref="HopLength"/> samples, the signal reflect-padded by FftSize/2 at both ends
/// (torch.stft with center=True), <see cref="Mels"/> HTK mel bands between <see cref="MinFrequency"/> and
/// <see cref="MaxFrequency"/>, and log(mel power + 1e-6). Defaults: 16 kHz, 25 ms windows, 10 ms hops, 64 bands.
/// </summary>
public sealed record LogMelOptions
{
    /// <summary>Samples per second the front end expects (clips are resampled to it).</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>FFT length, a power of two at least <see cref="WindowLength"/>.</summary>
    public int FftSize { get; init; } = 512;

    /// <summary>Hann window length in samples.</summary>
    public int WindowLength { get; init; } = 400;

    /// <summary>Samples between frames.</summary>
    public int HopLength { get; init; } = 160;

    /// <summary>Mel bands.</summary>
    public int Mels { get; init; } = 64;

    /// <summary>Lowest filter edge in Hz.</summary>
    public double MinFrequency { get; init; }

    /// <summary>Highest filter edge in Hz; null for the Nyquist frequency.</summary>
    public double? MaxFrequency { get; init; }

    /// <summary>Added to the mel power before the log.</summary>
    public const double LogFloor = 1e-6;

    /// <summary>Frames of a signal of <paramref name="samples"/> samples: 1 + samples / hop.</summary>
    public int Frames(int samples) => 1 + samples / HopLength;

    /// <summary>Throws when the settings do not make a front end.</summary>
    /// <exception cref="ArgumentException">A size is not positive, the FFT is not a power of two or shorter than the
    /// window, or the frequencies are not 0 &lt;= min &lt; max &lt;= Nyquist.</exception>
    public void Validate()
    {
        if (SampleRate <= 0 || WindowLength <= 0 || HopLength <= 0 || Mels <= 0)
            throw new ArgumentException($"log-mel: sample rate, window, hop and mels must be positive, got {SampleRate}, {WindowLength}, {HopLength}, {Mels}");
        if (FftSize < WindowLength || FftSize < 4 || (FftSize & (FftSize - 1)) != 0)
            throw new ArgumentException($"log-mel: FFT size {FftSize} must be a power of two of at least the window length {WindowLength}");
        var max = MaxFrequency ?? SampleRate / 2.0;
        if (!(MinFrequency >= 0 && MinFrequency < max && max <= SampleRate / 2.0))
            throw new ArgumentException($"log-mel: need 0 <= min frequency < max frequency <= {SampleRate / 2.0} Hz, got {MinFrequency} and {max}");
    }
}
