using Contrastive.Data.Audio;
using Contrastive.Evaluation;
using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Audio;

/// <summary>
/// Audio runs: which data is audio, its defaults, the evaluation view of an audio split (the encoder's embeddings of
/// whole clips and the raw standardised log-mel spectrogram as the baseline), and the MFCC baseline.
/// </summary>
public static class AudioRun
{
    /// <summary>The number of MFCCs whose means make the MFCC baseline.</summary>
    public const int MfccCoefficients = 20;

    /// <summary>What the MFCC baseline is called.</summary>
    public const string MfccBaselineName = "MFCC means";

    /// <summary>True when <paramref name="spec"/> is a folder of WAV files.</summary>
    public static bool IsAudio(string spec) => AudioFolder.IsAudioFolder(spec);

    /// <summary>Loads the folder <paramref name="spec"/> at the rate of <paramref name="features"/> (the defaults when null,
    /// standardised with the training clips' statistics).</summary>
    /// <exception cref="Data.DatasetException">The folder or a file in it is invalid.</exception>
    public static (AudioDatasetSplit Split, AudioFeatures Features) Load(string spec, AudioFeatures? features = null)
    {
        var settings = features ?? new AudioFeatures();
        var split = AudioFolder.Load(spec, settings.SampleRate);
        return (split, features ?? settings.FittedTo(split.Train));
    }

    /// <summary>The evaluation view of <paramref name="split"/>: whole clips as <paramref name="features"/> computes them.</summary>
    public static EvaluationData Evaluation(AudioDatasetSplit split, AudioFeatures features)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(features);
        var front = new LogMelSpectrogram(features.LogMel);
        var (train, test) = (features.Clips(split.Train, front), features.Clips(split.Test, front));
        var shape = features.ClipShape;
        return EvaluationData.Of(train, test, InputGeometry.Image(shape[0], shape[1], shape[2]), "clips", "raw log-mel spectrogram", split.Train.ClassNames);
    }

    /// <summary>
    /// kNN and linear probe on the means over frames of each clip's first <see cref="MfccCoefficients"/> MFCCs, every
    /// coefficient standardised with the training clips' mean and std: the classic fixed-length summary of a clip.
    /// </summary>
    /// <exception cref="ArgumentException">The split is not labelled.</exception>
    public static BaselineEvaluation MfccBaseline(AudioDatasetSplit split, AudioFeatures features, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(features);
        if (split.Train.Labels is null || split.Test.Labels is null) throw new ArgumentException($"{split.Train.Source} has no labels: the MFCC baseline needs them");
        var front = new LogMelSpectrogram(features.LogMel);
        var (train, test) = (MfccMeans(split.Train, features, front), MfccMeans(split.Test, features, front));
        var n = MfccCoefficients;
        for (var k = 0; k < n; k++)
        {
            var column = Enumerable.Range(0, split.Train.Count).Select(i => (double)train[i * n + k]).ToArray();
            var (mean, std) = (column.Average(), Math.Sqrt(column.Average(v => v * v) - column.Average() * column.Average()));
            foreach (var values in new[] { train, test })
                for (var i = k; i < values.Length; i += n) values[i] = (float)((values[i] - mean) / Math.Max(std, 1e-6));
        }
        return Evaluator.RunBaseline(MfccBaselineName, new Tensor(train, [split.Train.Count, n]), split.Train.Labels,
            new Tensor(test, [split.Test.Count, n]), split.Test.Labels, options);
    }

    private static float[] MfccMeans(AudioDataset data, AudioFeatures features, LogMelSpectrogram front)
    {
        var means = new float[data.Count * MfccCoefficients];
        Parallelism.ForChunks(data.Count, 4, (start, end) =>
        {
            for (var i = start; i < end; i++)
                Mfcc.Mean(front.Compute(features.FixedLength(data.Clips[i].Samples)), features.Mels, MfccCoefficients).CopyTo(means.AsSpan(i * MfccCoefficients));
        });
        return means;
    }
}
