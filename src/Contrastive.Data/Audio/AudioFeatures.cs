using System.Text.Json;
using Contrastive.IO;

namespace Contrastive.Data.Audio;

/// <summary>
/// What an audio run's encoder sees: log-mel spectrograms (<see cref="LogMelOptions"/> at <see cref="SampleRate"/> with
/// <see cref="Mels"/> bands) standardised by one scalar mean and std of the training clips' log-mel values, as one-channel
/// images (1, mels, frames). Whole clips are cut or padded to <see cref="ClipSeconds"/> (the middle of a longer clip,
/// silence after a shorter one); training views are segments of <see cref="SegmentSeconds"/>. A run keeps it as
/// <see cref="RunFiles.Audio"/>, so embedding and evaluation compute the same inputs.
/// </summary>
public sealed record AudioFeatures
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Samples per second every clip is resampled to.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Mel bands (image height).</summary>
    public int Mels { get; init; } = 64;

    /// <summary>Length of a whole clip as the encoder sees it in evaluation.</summary>
    public double ClipSeconds { get; init; } = 1.0;

    /// <summary>Length of a training segment (a view).</summary>
    public double SegmentSeconds { get; init; } = 0.5;

    /// <summary>Mean of the training log-mel values.</summary>
    public float Mean { get; init; }

    /// <summary>Standard deviation of the training log-mel values.</summary>
    public float Std { get; init; } = 1f;

    /// <summary>The front-end settings.</summary>
    public LogMelOptions LogMel => new() { SampleRate = SampleRate, Mels = Mels };

    /// <summary>Samples of a whole clip.</summary>
    public int ClipSamples => (int)Math.Round(ClipSeconds * SampleRate);

    /// <summary>Samples of a training segment.</summary>
    public int SegmentSamples => (int)Math.Round(SegmentSeconds * SampleRate);

    /// <summary>The encoder input of a whole clip, (1, mels, frames).</summary>
    public int[] ClipShape => [1, Mels, LogMel.Frames(ClipSamples)];

    /// <summary>These settings with the mean and std of the log-mel values of <paramref name="train"/>'s whole clips.</summary>
    /// <exception cref="ArgumentException">The settings are invalid or the clips are at another rate.</exception>
    public AudioFeatures FittedTo(AudioDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var raw = this with { Mean = 0, Std = 1 };
        var values = raw.Clips(train, new LogMelSpectrogram(LogMel)).Values;
        double sum = 0, squares = 0; // summed in order in double, as Enumerable.Average does
        foreach (var v in values) sum += v;
        var mean = sum / values.Length;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        var std = Math.Sqrt(squares / values.Length);
        return this with { Mean = (float)mean, Std = (float)Math.Max(std, 1e-6) };
    }

    /// <summary>The standardised log-mel of every whole clip of <paramref name="data"/>, (N, 1, mels, frames) flattened.</summary>
    /// <exception cref="ArgumentException">The settings are invalid or the clips are at another rate.</exception>
    public SampleArray Clips(AudioDataset data, LogMelSpectrogram front)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(front);
        Validate();
        if (data.SampleRate != SampleRate) throw new ArgumentException($"{data.Source}: clips at {data.SampleRate} Hz, the features expect {SampleRate} Hz");
        var size = ClipShape.Aggregate(1, (a, b) => a * b);
        var all = new float[data.Count * size];
        Parallelism.ForChunks(data.Count, 4, (start, end) =>
        {
            for (var i = start; i < end; i++) Input(FixedLength(data.Clips[i].Samples), front).CopyTo(all.AsSpan(i * size, size));
        });
        return new SampleArray(all, ClipShape, data.Source, data.Labels, data.ClassCount);
    }

    /// <summary>The standardised log-mel of a signal, (mels, frames) row-major.</summary>
    public float[] Input(ReadOnlySpan<float> signal, LogMelSpectrogram front)
    {
        ArgumentNullException.ThrowIfNull(front);
        var logMel = front.Compute(signal);
        for (var i = 0; i < logMel.Length; i++) logMel[i] = (logMel[i] - Mean) / Std;
        return logMel;
    }

    /// <summary>The middle <see cref="ClipSamples"/> of a longer signal, or a shorter one followed by silence.</summary>
    public float[] FixedLength(ReadOnlySpan<float> signal)
    {
        var output = new float[ClipSamples];
        if (signal.Length >= output.Length) signal.Slice((signal.Length - output.Length) / 2, output.Length).CopyTo(output);
        else signal.CopyTo(output);
        return output;
    }

    /// <summary>Throws when the settings cannot make inputs.</summary>
    /// <exception cref="ArgumentException">A length is shorter than half an FFT frame, or the front end is invalid.</exception>
    public void Validate()
    {
        LogMel.Validate();
        var shortest = LogMel.FftSize / 2 + 1;
        if (ClipSamples < shortest || SegmentSamples < shortest || SegmentSeconds > ClipSeconds)
            throw new ArgumentException($"audio: clip ({ClipSeconds} s) and segment ({SegmentSeconds} s) must each hold more than {shortest} samples, the segment no longer than the clip");
        if (!(Std > 0) || !float.IsFinite(Mean)) throw new ArgumentException($"audio: standardisation mean {Mean} and std {Std} are invalid");
    }

    /// <summary>Writes these settings to <see cref="RunFiles.Audio"/> in <paramref name="directory"/>.</summary>
    public void Save(string directory) => File.WriteAllText(new RunDirectory(directory).Audio, JsonSerializer.Serialize(this, s_json));

    /// <summary>True when <paramref name="directory"/> holds an audio run's <see cref="RunFiles.Audio"/>.</summary>
    public static bool IsAudioRun(string directory) => File.Exists(new RunDirectory(directory).Audio);

    /// <summary>Reads the settings of the run in <paramref name="directory"/>.</summary>
    /// <exception cref="DatasetException">The file is missing or invalid.</exception>
    public static AudioFeatures Load(string directory)
    {
        var path = new RunDirectory(directory).Audio;
        if (!File.Exists(path)) throw new DatasetException(path, "not found: the model is not an audio run (audio data needs a run trained on audio)");
        try
        {
            var features = JsonSerializer.Deserialize<AudioFeatures>(File.ReadAllText(path), s_json) ?? throw new DatasetException(path, "empty");
            features.Validate();
            return features;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new DatasetException(path, e.Message, e);
        }
    }
}
