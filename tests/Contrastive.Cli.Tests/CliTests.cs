using System.Text.Json;
using Contrastive.Cli;
using Contrastive.Data.Formats;
using Contrastive.Data.Formats.Images;
using Contrastive.Tensors;

namespace Contrastive.Cli.Tests;

/// <summary>The contrastive command end to end on a tiny image folder, and its error policy.</summary>
public sealed class CliTests() : CliTestBase("cli")
{
    [Fact]
    public async Task View_options_reach_the_run_and_bad_ones_are_named()
    {
        var images = WriteHalfBrightFolder("images", 24, seed: 12);
        var run = Path.Combine(Dir, "views");
        var train = await Run("train", "--data", images, "--epochs", "1", "--batch", "8", "--views", "3", "--flip", "--crop-scale", "0.5", "--decoupled",
            "--pool-grid", "2", "--width", "2", "--knn-k", "3", "--rotation", "15", "--noise", "0.05", "--erasing", "0.25", "--curriculum-start", "0.5",
            "--out", run, "--threads", "1");
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("kNN (k=3) test accuracy", train.Out);
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
        {
            Assert.Equal(3, config.RootElement.GetProperty("views").GetInt32());
            Assert.True(config.RootElement.GetProperty("horizontal-flip").GetBoolean());
            Assert.Equal(0.5, config.RootElement.GetProperty("crop-scale").GetDouble(), 6);
            Assert.True(config.RootElement.GetProperty("decoupled").GetBoolean());
            Assert.Equal(2, config.RootElement.GetProperty("pool-grid").GetInt32());
            Assert.Equal(2, config.RootElement.GetProperty("width").GetInt32());
            Assert.Equal(15, config.RootElement.GetProperty("rotation").GetDouble(), 6);
            Assert.Equal(0.05, config.RootElement.GetProperty("noise").GetDouble(), 6);
            Assert.Equal(0.25, config.RootElement.GetProperty("erasing").GetDouble(), 6);
            Assert.Equal(0.5, config.RootElement.GetProperty("curriculum-start").GetDouble(), 6);
        }
        var eval = await Run("eval", "--model", run, "--data", images);
        Assert.True(eval.Code == 0, eval.Err); // the wide encoder is rebuilt from config.json
        var badErasing = await Run("train", "--data", images, "--erasing", "1.5", "--out", Path.Combine(Dir, "bad"));
        Assert.NotEqual(0, badErasing.Code);
        Assert.Contains("erasing must be a probability in [0, 1], got 1.5", badErasing.Err);
        var bad = await Run("train", "--data", images, "--method", "byol", "--views", "4", "--out", Path.Combine(Dir, "bad"));
        Assert.NotEqual(0, bad.Code);
        Assert.Contains("--views applies to simclr", bad.Err);
        var badGrid = await Run("train", "--data", images, "--arch", "resnet18", "--pool-grid", "2", "--out", Path.Combine(Dir, "bad"));
        Assert.NotEqual(0, badGrid.Code);
        Assert.Contains("--pool-grid applies to --arch bench", badGrid.Err);
        var badWidth = await Run("train", "--data", images, "--arch", "resnet18", "--width", "2", "--out", Path.Combine(Dir, "bad"));
        Assert.NotEqual(0, badWidth.Code);
        Assert.Contains("--width multiplies the bench ConvNet's channels; it does not apply to --arch resnet18", badWidth.Err);
        var tooWide = await Run("train", "--data", images, "--width", "5", "--out", Path.Combine(Dir, "bad"));
        Assert.Contains("width must be between 1 and 4, got 5", tooWide.Err);
    }

    [Fact]
    public async Task Train_embed_and_eval_work_end_to_end()
    {
        var images = WriteHalfBrightFolder("images", 24, seed: 11);
        var run = Path.Combine(Dir, "run");
        var train = await Run("train", "--data", images, "--epochs", "2", "--batch", "16", "--out", run, "--threads", "2");
        Assert.True(train.Code == 0, train.Err);
        // k is sized to the data: 4% of the smallest class's training images, at least 5
        Assert.Matches(@"kNN \(k=5\) test accuracy: learned encoder [\d.]+ %, raw pixels [\d.]+ %", train.Out);
        Assert.Matches(@"linear probe test accuracy: learned encoder [\d.]+ %, raw pixels [\d.]+ %", train.Out);
        using (var evalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "eval.json"))))
            Assert.Equal("raw pixels", evalJson.RootElement.GetProperty("baseline").GetProperty("name").GetString());
        foreach (var file in new[] { "model.safetensors", "config.json", "metrics.jsonl", "checkpoint.safetensors", "report.html", "eval.json" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} missing");
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
        {
            // the defaults the run trained with are written out (0.06 * 16 / 256 for SGD at batch 16)
            Assert.Equal("sgd", config.RootElement.GetProperty("optimizer").GetString());
            Assert.Equal(0.00375, config.RootElement.GetProperty("lr").GetDouble(), 6);
            Assert.Equal(5e-4, config.RootElement.GetProperty("weight-decay").GetDouble(), 8);
            Assert.Equal(5, config.RootElement.GetProperty("knn-k").GetInt32());
            Assert.Equal(3, config.RootElement.GetProperty("pool-grid").GetInt32());
        }
        var lines = File.ReadAllLines(Path.Combine(run, "metrics.jsonl"));
        Assert.Equal(2, lines.Length);
        using (var epoch = JsonDocument.Parse(lines[1]))
            foreach (var field in new[] { "epoch", "loss", "lr", "views_per_s", "knn_accuracy", "health" })
                Assert.True(epoch.RootElement.TryGetProperty(field, out _), $"metrics.jsonl lacks {field}");

        var npy = Path.Combine(Dir, "test.npy");
        var embed = await Run("embed", "--model", run, "--data", images, "--out", npy, "--threads", "1");
        Assert.True(embed.Code == 0, embed.Err);
        AssertOneLineError(await Run("embed", "--model", run, "--data", images, "--out", npy, "--threads", "0"), "--threads must be at least 1, got 0");
        var array = NpyFile.Read(npy);
        Assert.Equal(new[] { 10, 128 * 3 * 3 }, array.Shape.ToArray()); // the bench ConvNet's 3 x 3 grid representation

        var evalDir = Path.Combine(Dir, "eval");
        var eval = await Run("eval", "--model", run, "--data", images, "--out", evalDir); // k: the run's (5)
        Assert.True(eval.Code == 0, eval.Err);
        Assert.Contains("kNN top-1 (k=5)", eval.Out);
        Assert.Contains("kNN top-1 on raw pixels", eval.Out);
        Assert.True(File.Exists(Path.Combine(evalDir, "eval.json")));
        var report = File.ReadAllText(Path.Combine(evalDir, "report.html"));
        Assert.Contains("<svg", report);
        Assert.Contains("Representation health per epoch", report); // the training's curves, read back from metrics.jsonl

        // Verification on given test pairs (alternately same and different), in eval.json and the report alike.
        var pairs = Path.Combine(Dir, "pairs.csv");
        File.WriteAllLines(pairs, ["first,second,same", .. Enumerable.Range(0, 16).Select(i => $"{i % 10},{(i * 3 + 1) % 10},{i % 2}")]);
        var pairsDir = Path.Combine(Dir, "eval-pairs");
        var withPairs = await Run("eval", "--model", run, "--data", images, "--knn-k", "5", "--pairs", pairs, "--out", pairsDir);
        Assert.True(withPairs.Code == 0, withPairs.Err);
        Assert.Contains("verification ROC-AUC", withPairs.Out);
        Assert.Contains("verification ROC-AUC", File.ReadAllText(Path.Combine(pairsDir, "report.html")));
        var outOfRange = Path.Combine(Dir, "bad-pairs.csv");
        File.WriteAllLines(outOfRange, ["0,1,1", "3,10,0"]);
        AssertOneLineError(await Run("eval", "--model", run, "--data", images, "--pairs", outOfRange, "--out", pairsDir), "bad-pairs.csv:2: index out of range for 10 test samples");
    }

    [Fact]
    public async Task Resume_continues_and_refuses_changed_options()
    {
        var images = WriteHalfBrightFolder("images", 12, seed: 11);
        var run = Path.Combine(Dir, "run");
        Assert.Equal(0, (await Run("train", "--data", images, "--epochs", "1", "--batch", "8", "--out", run)).Code);
        var changed = await Run("train", "--data", images, "--epochs", "1", "--batch", "4", "--out", run, "--resume");
        Assert.Equal(1, changed.Code);
        Assert.Contains("options differ", changed.Err);
        var same = await Run("train", "--data", images, "--epochs", "1", "--batch", "8", "--out", run, "--resume");
        Assert.True(same.Code == 0, same.Err);
    }

    [Theory]
    [InlineData(2, "train", "--frobnicate")]
    [InlineData(2, "train", "--epochs", "many")]
    [InlineData(2, "launch")]
    [InlineData(1, "train", "--epochs", "0")]
    [InlineData(1, "train", "--method", "magic")]
    [InlineData(1, "train", "--arch", "vgg")]
    [InlineData(1, "train", "--data", "/no/such/folder")]
    [InlineData(1, "train", "--resume", "--out", "/no/such/run")]
    [InlineData(1, "embed", "--model", "/no/such/run", "--data", "demo", "--out", "x.npy")]
    [InlineData(2, "embed", "--data", "demo")]
    [InlineData(2, "embed", "--model", "run", "--data", "demo", "--out", "x.npy", "--split", "some")]
    [InlineData(1, "export", "--model", "/no/such/run", "--out", "x.onnx")]
    [InlineData(2, "export", "--model", "run")]
    [InlineData(1, "serve", "--model", "/no/such/run", "--data", "demo")]
    [InlineData(2, "serve", "--data", "demo")]
    [InlineData(2, "serve", "--model", "run", "--data", "demo", "--split", "some")]
    public async Task Bad_input_gives_one_line_and_a_nonzero_exit(int expectedCode, params string[] args)
    {
        var (code, _, err) = await Run(args);
        Assert.Equal(expectedCode, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("contrastive: ", lines[0]);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task A_corrupt_image_names_the_file()
    {
        var images = WriteHalfBrightFolder("images", 6, seed: 11);
        var broken = Path.Combine(images, "left", "000.png");
        var bytes = File.ReadAllBytes(broken);
        bytes[20] ^= 0xFF;
        File.WriteAllBytes(broken, bytes);
        var (code, _, err) = await Run("train", "--data", images, "--epochs", "1", "--batch", "4", "--out", Path.Combine(Dir, "r"));
        Assert.Equal(1, code);
        Assert.Contains("000.png", err);
    }
}
