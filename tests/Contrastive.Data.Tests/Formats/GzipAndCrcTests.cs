using System.IO.Compression;
using Contrastive.Data.Formats;

namespace Contrastive.Data.Tests.Formats;

public sealed class GzipAndCrcTests
{
    [Fact]
    public void Crc32_MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Crc32_SlicedPathAgreesWithByteAtATimeAppends()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 31 + 7)).ToArray();
        var bytewise = 0u;
        foreach (var b in data) bytewise = Crc32.Append(bytewise, [b]);
        Assert.Equal(bytewise, Crc32.Compute(data));
    }

    [Fact]
    public void Gunzip_RoundTripsAndRejectsEveryTruncation()
    {
        var data = Enumerable.Range(0, 5000).Select(i => (byte)(i % 251)).ToArray();
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        var gzip = buffer.ToArray();
        Assert.Equal(data, DataFile.Gunzip(gzip, "x.gz"));
        foreach (var cut in new[] { 1, 4, 8, gzip.Length / 2, gzip.Length - 10 })
        {
            var e = Assert.Throws<DatasetException>(() => DataFile.Gunzip(gzip[..^cut], "x.gz"));
            Assert.StartsWith("x.gz: gzip data is", e.Message);
            Assert.Contains("truncated", e.Message);
        }
    }

    [Fact]
    public void Gunzip_ReportsCorruptDeflateData()
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(new byte[100]);
        var gzip = buffer.ToArray();
        gzip[10] = 0xFF; // first deflate block header: reserved block type 3
        var e = Assert.Throws<DatasetException>(() => DataFile.Gunzip(gzip, "bad.gz"));
        Assert.StartsWith("bad.gz: gzip data is", e.Message);
    }
}
