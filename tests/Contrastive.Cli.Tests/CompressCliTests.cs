using Contrastive.IO;

namespace Contrastive.Cli.Tests;

/// <summary><c>contrastive compress</c> on a trained run: the compressed copy, its report, and that the other commands
/// read it.</summary>
public sealed class CompressCliTests() : CliTestBase("compress")
{
    [Fact]
    public async Task Compress_writes_an_int8_pruned_copy_that_embed_reads()
    {
        var (images, run) = await TrainTinyRun(8, seed: 5);

        var small = Path.Combine(Dir, "small");
        var compress = await Run("compress", "--model", run, "--out", small, "--prune", "0.5");
        Assert.True(compress.Code == 0, compress.Err);
        Assert.Matches(@"wrote .*model\.safetensors: [\d,]+ bytes \(was [\d,]+, 3\.\d\dx smaller\); 5 weight tensors, 50\.0 % of their [\d,]+ entries zero; 3 batch norms recalibrated", compress.Out);
        Assert.Matches(@"embeddings of the \d+ test images of .*: cosine to the original's mean 0\.\d{4}, min", compress.Out);
        Assert.Matches(@"kNN top-1 \(k=\d+\): [\d.]+ % before, [\d.]+ % after", compress.Out);

        Assert.Equal(["config.json", "metrics.jsonl", "model.safetensors"], Directory.GetFiles(small).Select(Path.GetFileName).Order());
        var stored = SafeTensors.Read(Path.Combine(small, "model.safetensors"));
        Assert.Equal(5, stored.Entries.Count(e => e.Dtype == SafeTensorsDtype.I8));
        Assert.Equal("0.5", stored.Metadata["pruned_fraction"]);
        Assert.Equal("50", stored.Metadata["batch_norm_recalibration_batches"]);
        Assert.Equal("simclr", stored.Metadata["method"]);

        var npy = Path.Combine(Dir, "small.npy");
        var embed = await Run("embed", "--model", small, "--data", images, "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);

        AssertOneLineError(await Run("compress", "--model", small, "--out", Path.Combine(Dir, "again")), "already int8");
        AssertOneLineError(await Run("compress", "--model", run, "--out", run), "the run directory itself");
        var other = Path.Combine(Dir, "other");
        Directory.CreateDirectory(other);
        File.Copy(Path.Combine(run, "checkpoint.safetensors"), Path.Combine(other, "checkpoint.safetensors"));
        AssertOneLineError(await Run("compress", "--model", run, "--out", other), "holds a training run");
        Assert.Equal(["checkpoint.safetensors"], Directory.GetFiles(other).Select(Path.GetFileName));
        AssertOneLineError(await Run("compress", "--model", run, "--out", small, "--prune", "1.5"), "--prune", "1.5");
        AssertOneLineError(await Run("compress", "--model", run, "--out", small, "--format", "f32"), "nothing to do");
        AssertOneLineError(await Run("compress", "--model", Path.Combine(Dir, "none"), "--out", small), "none", "config.json");
    }
}
