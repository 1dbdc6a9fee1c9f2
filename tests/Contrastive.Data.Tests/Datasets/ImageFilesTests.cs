using Contrastive.Data.Datasets;
using Contrastive.Data.Formats.Images;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Datasets;

public sealed class ImageFilesTests
{
    [Fact]
    public void DecodeAll_KeepsListOrderLabelsAndTheFirstImagesShape()
    {
        using var dir = new TempDirectory();
        PngEncoder.Write(dir.File("z.png"), Fixtures.Pattern(3, 2, 1));
        PngEncoder.Write(dir.File("a.png"), Fixtures.Pattern(5, 5, 3, seed: 2));

        var data = ImageFiles.DecodeAll([dir.File("z.png"), dir.File("a.png")], new ImageLoadOptions(), "list", [1, 0], ["x", "y"]);

        Assert.Equal((2, 1, 2, 3, "list"), (data.Count, data.Channels, data.Height, data.Width, data.Source));
        Assert.Equal([1, 0], data.Labels!);
        var alone = ImageFiles.DecodeAll([dir.File("z.png")], new ImageLoadOptions(), "one");
        Assert.True(alone.Image(0).SequenceEqual(data.Image(0)));
    }

    [Fact]
    public void DecodeAll_ReportsTheFirstFailingFile_ThroughWrapError()
    {
        using var dir = new TempDirectory();
        PngEncoder.Write(dir.File("ok.png"), Fixtures.Pattern(2, 2, 1));
        var files = Enumerable.Range(0, 40).Select(i => dir.File($"{i}.png")).ToArray();
        foreach (var f in files) File.Copy(dir.File("ok.png"), f);
        dir.Write("17.png", "not a png");
        dir.Write("31.png", "not a png either");

        var raw = Assert.Throws<DatasetException>(() => ImageFiles.DecodeAll(files, new ImageLoadOptions(), "list"));
        Assert.StartsWith(files[17] + ": ", raw.Message);
        var wrapped = Assert.Throws<InvalidOperationException>(() =>
            ImageFiles.DecodeAll(files, new ImageLoadOptions(), "list", wrapError: (i, e) => new InvalidOperationException($"entry {i}", e)));
        Assert.Equal("entry 17", wrapped.Message);
        File.Copy(dir.File("ok.png"), files[17], overwrite: true);
        files[0] = dir.File("missing.png");
        Assert.Equal("entry 0", Assert.Throws<InvalidOperationException>(() =>
            ImageFiles.DecodeAll(files, new ImageLoadOptions(), "list", wrapError: (i, e) => new InvalidOperationException($"entry {i}", e))).Message);
    }

    [Fact]
    public void DecodeAll_RejectsBadOptionsAndAnEmptyList()
    {
        using var dir = new TempDirectory();
        PngEncoder.Write(dir.File("a.png"), Fixtures.Pattern(2, 2, 1));
        Assert.StartsWith("list: cannot load images as 2x4x4", Assert.Throws<ArgumentException>(() =>
            ImageFiles.DecodeAll([dir.File("a.png")], new ImageLoadOptions { Channels = 2, Height = 4, Width = 4 }, "list")).Message);
        Assert.Throws<ArgumentException>(() => ImageFiles.DecodeAll([dir.File("a.png")], new ImageLoadOptions { Height = 0 }, "list"));
        Assert.StartsWith("list: no image files", Assert.Throws<ArgumentException>(() => ImageFiles.DecodeAll([], new ImageLoadOptions(), "list")).Message);
    }
}
