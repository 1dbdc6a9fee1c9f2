using System.Text.Json;
using Contrastive.Cli;
using Contrastive.Data.Formats;
using Contrastive.Data.Formats.Images;
using Contrastive.Tensors;

namespace Contrastive.Cli.Tests;

/// <summary><c>contrastive train --method clip</c> end to end on tiny image-text data, and one-line errors for what does not fit.</summary>
public sealed class ClipCliTests() : CliTestBase("cli-clip")
{
    // A text tower small enough for a quick test.
    private static readonly string[] s_tiny = ["--max-text-length", "8", "--text-width", "16", "--text-layers", "1", "--threads", "1"];

    /// <summary>A JSONL file of <paramref name="count"/> pairs, each image captioned with the side that is bright.</summary>
    private string WritePairs(int count)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "pairs", "img")).FullName;
        var rng = new Rng(3);
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var left = i % 2 == 0;
            File.WriteAllBytes(Path.Combine(folder, $"{i:D2}.png"), HalfBrightPng(left, rng));
            lines.Add(JsonSerializer.Serialize(new { image = $"img/{i:D2}.png", text = left ? "the left half is bright" : "a bright right half" }));
        }
        var path = Path.Combine(Dir, "pairs", "pairs.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Clip_trains_on_jsonl_pairs_then_embeds_and_evaluates_zero_shot()
    {
        var pairs = WritePairs(20);
        var run = Path.Combine(Dir, "run");
        var train = await Run(["train", "--method", "clip", "--data", pairs, "--epochs", "2", "--batch", "8", "--out", run, .. s_tiny]);
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("16 train / 4 test images", train.Out);
        foreach (var file in new[] { "model.safetensors", "config.json", "metrics.jsonl", "checkpoint.safetensors", "tokenizer.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} missing");
        Assert.Contains("\"right\"", File.ReadAllText(Path.Combine(run, "tokenizer.json")));
        using (var epoch = JsonDocument.Parse(File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))[^1]))
        {
            Assert.True(double.IsFinite(epoch.RootElement.GetProperty("loss").GetDouble()));
            Assert.False(epoch.RootElement.TryGetProperty("zero_shot_accuracy", out _), "unlabeled pairs have no classes to prompt");
        }
        // Unlabeled pairs are evaluated by retrieval: 4 test images against their 2 distinct captions and back.
        Assert.Matches(@"image-text retrieval recall@1/5/10: image to text [\d.]+ % / 100\.00 % / 100\.00 %, text to image [\d.]+ % / [\d.]+ % / [\d.]+ % \(2 distinct test captions\)", train.Out);
        using (var trainEval = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "eval.json"))))
        {
            var imageText = trainEval.RootElement.GetProperty("imageText");
            Assert.Equal(2, imageText.GetProperty("captions").GetInt32());
            Assert.Equal(4, imageText.GetProperty("imageToText").GetProperty("queries").GetInt32());
        }
        var pairsEval = await Run("eval", "--model", run, "--data", pairs, "--out", Path.Combine(Dir, "pairs-eval"));
        Assert.True(pairsEval.Code == 0, pairsEval.Err);
        Assert.Matches(@"text to image recall@1\s+[\d.]+ %", pairsEval.Out);

        // Joint-space image embeddings of every pair, in file order.
        var npy = Path.Combine(Dir, "all.npy");
        var embed = await Run("embed", "--model", run, "--data", pairs, "--split", "all", "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);
        Assert.Equal(new[] { 20, 64 }, NpyFile.Read(npy).Shape.ToArray());

        // Labeled images of the same kind: kNN, and zero-shot from "a photo of a left" / "... right" prompts.
        var evalDir = Path.Combine(Dir, "eval");
        var eval = await Run("eval", "--model", run, "--data", WriteHalfBrightFolder("labeled", 10, seed: 5), "--knn-k", "3", "--out", evalDir);
        Assert.True(eval.Code == 0, eval.Err);
        Assert.Matches(@"zero-shot top-1\s+[\d.]+ %", eval.Out);
        using var evalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(evalDir, "eval.json")));
        Assert.InRange(evalJson.RootElement.GetProperty("zeroShotAccuracy").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Clip_on_labeled_images_reports_zero_shot_per_epoch_and_at_the_end()
    {
        var run = Path.Combine(Dir, "run");
        var train = await Run(["train", "--method", "clip", "--data", WriteHalfBrightFolder("labeled", 10, seed: 5), "--epochs", "1", "--batch", "8", "--out", run, .. s_tiny]);
        Assert.True(train.Code == 0, train.Err);
        Assert.Matches(@"kNN \(k=5\) test accuracy: learned encoder [\d.]+ %", train.Out);
        Assert.Matches(@"zero-shot test accuracy \(""a photo of a \{0\}"" prompts\): [\d.]+ %", train.Out);
        using (var epoch = JsonDocument.Parse(File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))[^1]))
            Assert.InRange(epoch.RootElement.GetProperty("zero_shot_accuracy").GetDouble(), 0, 1);
        using (var evalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "eval.json"))))
        {
            Assert.InRange(evalJson.RootElement.GetProperty("zeroShotAccuracy").GetDouble(), 0, 1);
            Assert.InRange(evalJson.RootElement.GetProperty("imageText").GetProperty("textToImage").GetProperty("mrr").GetDouble(), 0, 1);
        }
        var report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains("text to image recall@1", report);
        Assert.Contains("zero-shot top-1</text>", report); // the per-epoch accuracy chart's legend
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
            Assert.Equal(16, config.RootElement.GetProperty("text-width").GetInt32());

        // An int8 copy keeps the tokenizer and is checked on the zero-shot prompts too.
        var small = Path.Combine(Dir, "small");
        var compress = await Run("compress", "--model", run, "--out", small);
        Assert.True(compress.Code == 0, compress.Err);
        Assert.Matches(@"zero-shot top-1: [\d.]+ % before, [\d.]+ % after", compress.Out);
        Assert.True(File.Exists(Path.Combine(small, "tokenizer.json")));
    }

    [Fact]
    public async Task What_clip_cannot_use_gives_one_line_and_leaves_nothing_behind()
    {
        var run = Path.Combine(Dir, "r");
        var pairs = WritePairs(6);
        var folder = Path.GetDirectoryName(pairs)!;
        File.WriteAllText(Path.Combine(folder, "missing.jsonl"), "{\"image\": \"img/00.png\", \"text\": \"x\"}\n{\"image\": \"img/gone.png\", \"text\": \"y\"}\n");
        AssertOneLineError(await Run("train", "--method", "clip", "--data", Path.Combine(folder, "missing.jsonl"), "--out", run), "missing.jsonl", "line 2", "gone.png");
        File.WriteAllText(Path.Combine(folder, "notext.jsonl"), "{\"image\": \"img/00.png\", \"caption\": \"x\"}\n");
        AssertOneLineError(await Run("train", "--method", "clip", "--data", Path.Combine(folder, "notext.jsonl"), "--out", run), "notext.jsonl", "line 1", "'text'");

        // Unlabeled images (a flat folder) have no captions to train on.
        AssertOneLineError(await Run("train", "--method", "clip", "--data", Path.Combine(folder, "img"), "--batch", "2", "--out", run), "--method clip needs captions", "FILE.jsonl");
        AssertOneLineError(await Run("train", "--method", "clip", "--data", pairs, "--temperature", "0.1", "--out", run), "--temperature", "does not apply to --method clip");
        AssertOneLineError(await Run("train", "--method", "clip", "--data", pairs, "--miner", "batch-hard", "--out", run), "--miner does not apply to --method clip");
        AssertOneLineError(await Run("train", "--method", "clip", "--data", pairs, "--text-width", "10", "--out", run), "multiple of 4");
        AssertOneLineError(await Run("train", "--method", "simclr", "--data", pairs, "--out", run), "image-text pairs train --method clip");
        AssertOneLineError(await Run("train", "--data", "demo", "--text-layers", "3", "--out", run), "apply to --method clip, not simclr");
        File.WriteAllText(Path.Combine(Dir, "t.csv"), "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n");
        AssertOneLineError(await Run("train", "--method", "clip", "--data", Path.Combine(Dir, "t.csv"), "--arch", "mlp", "--out", run), "--method clip needs images");
        Assert.False(Directory.Exists(run), "a failed run must leave nothing behind");
    }
}
