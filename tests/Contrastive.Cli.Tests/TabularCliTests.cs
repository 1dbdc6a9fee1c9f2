using System.Globalization;
using System.Text;
using System.Text.Json;
using Contrastive.Cli;
using Contrastive.Data.Formats;
using Contrastive.Data.Formats.Images;
using Contrastive.Tensors;

namespace Contrastive.Cli.Tests;

/// <summary>The contrastive command on CSV tables: train, embed and eval end to end, and one-line errors for bad tables.</summary>
public sealed class TabularCliTests() : CliTestBase("cli-tab")
{
    /// <summary>Two classes ('yes', 'no'): columns s0..s2 carry the class at scales 1, 100 and 0.01; n0..n4 are noise.</summary>
    private string WriteTable(string name, int rows, bool withLabel = true, int seed = 5)
    {
        var rng = new Rng((ulong)seed);
        var text = new StringBuilder("s0,n0,s1,n1,n2,s2,n3,n4" + (withLabel ? ",label" : "") + "\n");
        for (var i = 0; i < rows; i++)
        {
            var positive = i % 2 == 0;
            var sign = positive ? 1f : -1f;
            float[] row = [sign + 0.5f * rng.NextGaussian(), rng.NextGaussian(), 100 * (sign + 0.5f * rng.NextGaussian()), rng.NextGaussian(),
                rng.NextGaussian(), 0.01f * (sign + 0.5f * rng.NextGaussian()), rng.NextGaussian(), rng.NextGaussian()];
            text.AppendJoin(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            text.Append(withLabel ? (positive ? ",yes\n" : ",no\n") : "\n");
        }
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task Train_embed_and_eval_work_end_to_end_on_a_csv()
    {
        var csv = WriteTable("table.csv", 200);
        var run = Path.Combine(Dir, "run");
        var train = await Run("train", "--data", csv, "--arch", "mlp", "--label-column", "label", "--epochs", "2", "--batch", "32",
            "--out", run, "--threads", "2");
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("160 train / 40 test rows", train.Out);
        Assert.Contains("raw standardised features", train.Out);
        foreach (var file in new[] { "model.safetensors", "config.json", "metrics.jsonl", "standardization.json", "report.html", "eval.json" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} missing");
        using (var epoch = JsonDocument.Parse(File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))[^1]))
            foreach (var field in new[] { "knn_accuracy", "health", "effective_rank" })
                Assert.True(epoch.RootElement.TryGetProperty(field, out _), $"metrics.jsonl lacks {field}");
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
            Assert.Equal("label", config.RootElement.GetProperty("label-column").GetString());

        var npy = Path.Combine(Dir, "test.npy");
        var embed = await Run("embed", "--model", run, "--data", csv, "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);
        Assert.Equal(new[] { 40, 128 }, NpyFile.Read(npy).Shape.ToArray());

        // New rows without the label column embed in file order with the stored standardisation.
        var fresh = WriteTable("fresh.csv", 7, withLabel: false, seed: 9);
        var all = Path.Combine(Dir, "all.npy");
        var embedAll = await Run("embed", "--model", run, "--data", fresh, "--split", "all", "--out", all);
        Assert.True(embedAll.Code == 0, embedAll.Err);
        Assert.Equal(new[] { 7, 128 }, NpyFile.Read(all).Shape.ToArray());

        var evalDir = Path.Combine(Dir, "eval");
        var eval = await Run("eval", "--model", run, "--data", csv, "--knn-k", "5", "--out", evalDir);
        Assert.True(eval.Code == 0, eval.Err);
        Assert.Contains("kNN top-1", eval.Out);
        Assert.True(File.Exists(Path.Combine(evalDir, "eval.json")));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(evalDir, "report.html")));
        AssertOneLineError(await Run("eval", "--model", run, "--data", csv, "--supervised-baseline", "--out", evalDir), "--supervised-baseline trains a network on images", "holds rows");

        // A pruned int8 copy keeps the standardisation, recalibrates on standardised rows and embeds new rows alike.
        var small = Path.Combine(Dir, "small");
        var compress = await Run("compress", "--model", run, "--out", small, "--prune", "0.3", "--data", csv);
        Assert.True(compress.Code == 0, compress.Err);
        Assert.Matches(@"batch norms recalibrated", compress.Out);
        Assert.Matches(@"embeddings of the 40 test rows of .*table\.csv: cosine", compress.Out);
        Assert.Equal(["config.json", "metrics.jsonl", "model.safetensors", "standardization.json"], Directory.GetFiles(small).Select(Path.GetFileName).Order());
        var embedSmall = await Run("embed", "--model", small, "--data", fresh, "--split", "all", "--out", Path.Combine(Dir, "small.npy"));
        Assert.True(embedSmall.Code == 0, embedSmall.Err);
    }

    [Theory]
    [InlineData("ragged.csv", "a,b,label\n1,2,x\n3,y\n", "line 3 has 2 fields, the header has 3")]
    [InlineData("nan.csv", "a,b,label\n1,2,x\n3,NaN,y\n", "line 3, column 2 'b'")]
    [InlineData("text.csv", "a,b,label\n1,2,x\n3,seven,y\n", "'seven' is not a number")]
    [InlineData("empty.csv", "", "no header row")]
    public async Task A_bad_csv_gives_one_line_naming_the_file_and_place(string name, string content, string expected)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content);
        AssertOneLineError(await Run("train", "--data", path, "--arch", "mlp", "--label-column", "label", "--out", Path.Combine(Dir, "r")), name, expected);
        Assert.False(Directory.Exists(Path.Combine(Dir, "r")), "a failed run must leave nothing behind");
    }

    [Fact]
    public async Task Wrong_combinations_give_one_line()
    {
        var csv = WriteTable("t.csv", 60);
        var run = Path.Combine(Dir, "r");
        AssertOneLineError(await Run("train", "--data", csv, "--arch", "mlp", "--label-column", "target", "--out", run), "label column 'target' not found");
        AssertOneLineError(await Run("train", "--data", csv, "--arch", "bench", "--label-column", "label", "--out", run), "--arch bench needs image data");
        AssertOneLineError(await Run("train", "--data", csv, "--arch", "mlp", "--out", run), "'label': 'yes' is not a number");
        var numeric = WriteTable("numeric.csv", 60, withLabel: false);
        AssertOneLineError(await Run("train", "--data", numeric, "--arch", "mlp", "--method", "supcon", "--out", run), "no labels", "--label-column");
        AssertOneLineError(await Run("train", "--data", csv, "--arch", "mlp", "--corruption-rate", "2", "--out", run), "corruption rate");
        AssertOneLineError(await Run("train", "--data", Path.Combine(Dir, "missing.csv"), "--arch", "mlp", "--out", run), "missing.csv", "not found");
        Assert.False(Directory.Exists(run));

        var images = Path.Combine(Dir, "images", "only");
        Directory.CreateDirectory(images);
        for (var i = 0; i < 4; i++) File.WriteAllBytes(Path.Combine(images, $"{i}.png"), PngEncoder.Encode(new float[16], 1, 4, 4));
        AssertOneLineError(await Run("train", "--data", Path.GetDirectoryName(images)!, "--label-column", "label", "--out", run), "--label-column applies to CSV");

        // A run trained on a table refuses a table with other columns, and an image run has no standardisation for a CSV.
        var trained = Path.Combine(Dir, "trained");
        Assert.Equal(0, (await Run("train", "--data", csv, "--arch", "mlp", "--label-column", "label", "--epochs", "1", "--batch", "16", "--out", trained)).Code);
        var other = Path.Combine(Dir, "other.csv");
        File.WriteAllText(other, "x,y,label\n1,2,yes\n3,4,no\n");
        AssertOneLineError(await Run("embed", "--model", trained, "--data", other, "--out", Path.Combine(Dir, "o.npy")), "other.csv", "'x'", "trained on");
        AssertOneLineError(await Run("eval", "--model", trained, "--data", WriteTable("unlabeled.csv", 20, withLabel: false)), "label column 'label' not found");
        File.Delete(Path.Combine(trained, "standardization.json"));
        AssertOneLineError(await Run("embed", "--model", trained, "--data", csv, "--out", Path.Combine(Dir, "o.npy")), "standardization.json");
    }
}
