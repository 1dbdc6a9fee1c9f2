using Contrastive.Data.Formats.Images;

namespace Contrastive.Data.Tests.Formats;

public sealed class PnmTests
{
    [Theory]
    [InlineData("P2", 1)]
    [InlineData("P5", 1)]
    [InlineData("P3", 3)]
    [InlineData("P6", 3)]
    public void EightBit_AllFourVariants(string magic, int channels)
    {
        var samples = Enumerable.Range(0, 3 * 2 * channels).Select(i => i * 20 % 256).ToArray();
        var decoded = PnmDecoder.Decode(Fixtures.Pnm(magic, 3, 2, 255, samples), "a.pnm");
        Assert.Equal((3, 2, channels), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal(samples.Select(s => (byte)s).ToArray(), decoded.Pixels.ToArray());
    }

    [Theory]
    [InlineData("P5", 65535)]
    [InlineData("P2", 1000)]
    [InlineData("P6", 15)]
    public void OtherMaxvals_RescaleToBytes(string magic, int maxval)
    {
        var channels = magic == "P6" ? 3 : 1;
        var samples = Enumerable.Range(0, 2 * 2 * channels).Select(i => i * maxval / (4 * channels - 1)).ToArray();
        var decoded = PnmDecoder.Decode(Fixtures.Pnm(magic, 2, 2, maxval, samples), "b.pgm");
        Assert.Equal(samples.Select(s => (byte)Math.Round(s * 255.0 / maxval)).ToArray(), decoded.Pixels.ToArray());
        Assert.Equal(0, decoded.Pixels[0]);
        Assert.Equal(255, decoded.Pixels[^1]);
    }

    [Fact]
    public void Malformed_FilesGiveSpecificErrors()
    {
        Assert.Contains("magic 'P4' (supported: P2, P3, P5, P6)", Error("P4\n1 1\n"u8.ToArray()));
        Assert.Contains("truncated P5 data: 3x2 needs 6 bytes of samples, the file holds 4", Error(Fixtures.Pnm("P5", 3, 2, 255, new int[6])[..^2]));
        Assert.Contains("sample 1 is 300, above maxval 255", Error(Fixtures.Pnm("P2", 2, 1, 255, [1, 300])));
        Assert.Contains("maxval 70000 is outside 1-65535", Error("P5 1 1 70000\n\0\0"u8.ToArray()));
        Assert.Contains("width at offset 3 is not a non-negative integer", Error("P2 x 1 255\n0"u8.ToArray()));
        Assert.Contains("truncated Netpbm file: expected sample", Error("P2 2 1 255\n7  \n"u8.ToArray()));
        // Found by the fuzzer: a header claiming a huge image is refused before its pixels are allocated.
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("truncated P2 data: 20000x5000 needs at least 200000000 bytes of samples, the file holds 3", Error("P2 20000 5000 255\n7 "u8.ToArray()));
        Assert.Contains("truncated P6 data: 20000x5000 needs 300000000 bytes", Error("P6 20000 5000 255\n\0\0"u8.ToArray()));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    private static string Error(byte[] data) => Assert.Throws<DatasetException>(() => PnmDecoder.Decode(data, "x.pgm")).Message;
}
