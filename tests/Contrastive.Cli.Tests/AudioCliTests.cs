using Contrastive.Data.Formats;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Cli.Tests;

/// <summary>The contrastive command on a folder of WAV files: train (with its MFCC baseline), eval, embed, and errors.</summary>
public sealed class AudioCliTests() : CliTestBase("cli-audio")
{
    /// <summary>Two classes of noisy half-second tones at 8 kHz: 'low' around 300 Hz, 'high' around 1500 Hz.</summary>
    private string WriteTones(int perClass)
    {
        var rng = new Rng(11);
        foreach (var (name, hz) in new[] { ("low", 300.0), ("high", 1500.0) })
            for (var i = 0; i < perClass; i++)
            {
                var samples = WavBytes.Sine(hz * (0.9 + 0.2 * rng.NextDouble()), 8000, 4000, 0.4, rng.NextDouble()).Select(s => s + 0.02f * rng.NextGaussian()).ToArray();
                var path = Path.Combine(Dir, "tones", name, $"{name}{i:00}.wav");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, WavBytes.Encode(samples, 8000));
            }
        return Path.Combine(Dir, "tones");
    }

    [Fact]
    public async Task Train_eval_and_embed_work_on_a_wav_folder()
    {
        var tones = WriteTones(15);
        var run = Path.Combine(Dir, "run");
        var train = await Run("train", "--data", tones, "--arch", "gru", "--method", "supcon", "--epochs", "1", "--batch", "8", "--out", run, "--threads", "2");
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("supcon on " + tones, train.Out);
        Assert.Contains("clips, arch gru", train.Out);
        Assert.Contains("raw log-mel spectrogram", train.Out);
        Assert.Contains("MFCC means (20 coefficients, standardised): kNN 100.00 %", train.Out); // the tones differ in pitch
        foreach (var file in new[] { "audio.json", "model.safetensors", "eval.json", "mfcc-baseline.json" }) Assert.True(File.Exists(Path.Combine(run, file)), file);

        var eval = await Run("eval", "--model", run, "--data", tones, "--out", Path.Combine(Dir, "eval"));
        Assert.True(eval.Code == 0, eval.Err);
        Assert.Contains("kNN top-1 on raw log-mel spectrogram", eval.Out);
        Assert.Contains("MFCC means", eval.Out);

        var npy = Path.Combine(Dir, "all.npy");
        var embed = await Run("embed", "--model", run, "--data", tones, "--split", "all", "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);
        Assert.Equal([30, 256], NpyFile.Read(npy).Shape);
    }

    [Fact]
    public async Task The_voice_recipe_trains_frequency_bands_that_the_heads_read_and_a_run_reloads_them()
    {
        var tones = WriteTones(15);
        var run = Path.Combine(Dir, "bands");
        var train = await Run("train", "--data", tones, "--method", "supcon", "--optimizer", "adamw", "--pool-grid", "8", "--pool-columns", "1",
            "--head-reads-grid", "--speed-change", "0", "--epochs", "1", "--batch", "8", "--out", run, "--threads", "1");
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("\"head-reads-grid\": true", File.ReadAllText(Path.Combine(run, "config.json")));

        var npy = Path.Combine(Dir, "bands.npy");
        var embed = await Run("embed", "--model", run, "--data", tones, "--split", "all", "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);
        Assert.Equal([30, 128 * 8], NpyFile.Read(npy).Shape); // eight bands of the 128-channel map, averaged over time
    }

    [Fact]
    public async Task Audio_errors_are_one_line()
    {
        var tones = WriteTones(6);
        var (_, imageRun) = await TrainTinyRun(perClass: 8, seed: 3);
        AssertOneLineError(await Run("eval", "--model", imageRun, "--data", tones), "audio.json", "not an audio run");
        AssertOneLineError(await Run("train", "--data", tones, "--method", "clip", "--out", Path.Combine(Dir, "clip")), "--method clip needs images with captions, not audio");
        AssertOneLineError(await Run("train", "--data", tones, "--speed-change", "0.6", "--out", Path.Combine(Dir, "fast")), "speed change must be in [0, 0.5), got 0.6");
        AssertOneLineError(await Run("train", "--data", "demo", "--speed-change", "0", "--out", Path.Combine(Dir, "image")), "--speed-change applies to the views of audio clips");
        AssertOneLineError(await Run("train", "--data", tones, "--arch", "gru", "--head-reads-grid", "--out", Path.Combine(Dir, "gru")), "--head-reads-grid applies to --arch bench");
        File.WriteAllText(Path.Combine(tones, "low", "broken.wav"), "RIFF");
        AssertOneLineError(await Run("train", "--data", tones, "--out", Path.Combine(Dir, "broken")), "broken.wav", "not a WAV file");
    }
}
