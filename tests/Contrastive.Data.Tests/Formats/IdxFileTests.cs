using System.Buffers.Binary;
using Contrastive.Data.Formats;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Formats;

public sealed class IdxFileTests
{
    private static readonly byte[] Pixels = Enumerable.Range(0, 3 * 4 * 5).Select(i => (byte)(i * 4)).ToArray();
    private static readonly byte[] Labels = [2, 0, 1];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTrip_RawAndGzip(bool gzip)
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteImages(dir.File("images"), Pixels, 3, 4, 5, gzip);
        IdxWriter.WriteLabels(dir.File("labels"), Labels, gzip);
        Assert.Equal(gzip, DataFile.IsGzip(File.ReadAllBytes(dir.File("images"))));

        var data = IdxFile.Load(dir.File("images"), dir.File("labels"), ["a", "b", "c"]);

        Assert.Equal((3, 1, 4, 5), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal([2, 0, 1], data.Labels!);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal(Pixels.Select(p => p / 255f), data.Pixels.ToArray());
    }

    [Fact]
    public void WrongMagic_NamesFileAndBothNumbers()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteLabels(dir.File("labels"), Labels, gzip: false);
        var e = Assert.Throws<DatasetException>(() => IdxFile.Load(dir.File("labels")));
        Assert.Equal($"{dir.File("labels")}: magic number 0x00000801 is not 0x00000803 (IDX images of unsigned bytes)", e.Message);
    }

    [Fact]
    public void HeaderClaimingMoreImagesThanPresent_NamesExpectedAndActualBytes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("images");
        IdxWriter.WriteImages(path, Pixels, 3, 4, 5, gzip: false);
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), 10);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DatasetException>(() => IdxFile.Load(path));

        Assert.Equal($"{path}: the header declares 10 x 4 x 5 images = 200 bytes of data but the file holds 60 (truncated)", e.Message);
    }

    [Fact]
    public void TrailingBytes_AreAnError()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteLabels(dir.File("labels"), Labels, gzip: false);
        File.AppendAllText(dir.File("labels"), "x");
        IdxWriter.WriteImages(dir.File("images"), Pixels, 3, 4, 5, gzip: false);
        var e = Assert.Throws<DatasetException>(() => IdxFile.Load(dir.File("images"), dir.File("labels")));
        Assert.Contains("holds 4 (trailing bytes)", e.Message);
    }

    [Fact]
    public void TruncatedGzip_IsAClearError()
    {
        using var dir = new TempDirectory();
        var path = dir.File("images.gz");
        IdxWriter.WriteImages(path, Pixels, 3, 4, 5, gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^6]);
        var e = Assert.Throws<DatasetException>(() => IdxFile.Load(path));
        Assert.StartsWith($"{path}: gzip data is truncated or corrupt", e.Message);
    }

    [Fact]
    public void LabelCountMismatchAndOutOfRangeLabels_NameTheLabelsFile()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteImages(dir.File("images"), Pixels, 3, 4, 5, gzip: false);
        IdxWriter.WriteLabels(dir.File("two"), [0, 1], gzip: false);
        IdxWriter.WriteLabels(dir.File("big"), [0, 1, 7], gzip: false);

        var count = Assert.Throws<DatasetException>(() => IdxFile.Load(dir.File("images"), dir.File("two")));
        var range = Assert.Throws<DatasetException>(() => IdxFile.Load(dir.File("images"), dir.File("big"), ["a", "b", "c"]));

        Assert.Equal($"{dir.File("two")}: 2 labels but {dir.File("images")} holds 3 images", count.Message);
        Assert.Equal($"{dir.File("big")}: label 7 of item 2 is outside [0, 3)", range.Message);
    }

    [Fact]
    public void MissingFile_IsADatasetException()
    {
        var e = Assert.Throws<DatasetException>(() => IdxFile.Load("/nonexistent/images"));
        Assert.Equal("/nonexistent/images: file not found", e.Message);
    }
}
