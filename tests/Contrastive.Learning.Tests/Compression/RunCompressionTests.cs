using Contrastive.Runs;

namespace Contrastive.Learning.Tests.Compression;

/// <summary>What <see cref="RunCompression"/> refuses before touching any file (the CLI tests compress a trained run).</summary>
public sealed class RunCompressionTests
{
    [Fact]
    public void Requests_that_cannot_be_carried_out_are_refused_up_front()
    {
        var dir = Path.Combine(Path.GetTempPath(), "contrastive-no-such-run");
        Assert.Contains("recalibration needs data", Assert.Throws<ArgumentException>(() => RunCompression.Compress(dir, dir + "-out", new CompressionOptions { RecalibrationBatches = 5 })).Message);
        Assert.Contains("nothing to do", Assert.Throws<ArgumentException>(() => RunCompression.Compress(dir, dir + "-out", new CompressionOptions { Int8 = false })).Message);
        Assert.Contains("run directory itself", Assert.Throws<ArgumentException>(() => RunCompression.Compress(dir, dir + "/", new CompressionOptions())).Message);
        Assert.False(Directory.Exists(dir + "-out"));
    }
}
