using System.Globalization;
using System.Text.Json;
using Contrastive.Audio;
using Contrastive.Data.Audio;
using Contrastive.Evaluation;
using Contrastive.IO;
using Contrastive.Runs;

namespace Contrastive.Cli;

/// <summary>
/// The audio part of <c>train</c> and <c>eval</c> on a folder of WAV files: the MFCC-mean baseline on the same held-out
/// clips, printed next to the learned encoder and written to <see cref="RunFiles.MfccBaseline"/>.
/// </summary>
internal static class AudioEvaluationLines
{
    public static void Write(TextWriter output, string runDirectory, string outDirectory, string spec, EvaluationResult learned, EvaluationOptions options)
    {
        var features = AudioFeatures.Load(runDirectory);
        var mfcc = AudioRun.MfccBaseline(AudioRun.Load(spec, features).Split, features, options);
        output.WriteLine($"{AudioRun.MfccBaselineName} ({AudioRun.MfccCoefficients} coefficients, standardised): kNN {Percent(mfcc.Knn?.Result.Top1)}, " +
            $"linear probe {Percent(mfcc.LinearProbe?.Result.Top1)} (learned encoder {Percent(learned.Knn?.Result.Top1)} / {Percent(learned.LinearProbe?.Result.Top1)})");
        AtomicFile.WriteAllText(new RunDirectory(outDirectory).MfccBaseline, JsonSerializer.Serialize(mfcc, TrainConfig.Json));
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "n/a";
}
