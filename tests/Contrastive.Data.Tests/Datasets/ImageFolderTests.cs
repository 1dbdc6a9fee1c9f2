using Contrastive.Data.Datasets;
using Contrastive.Data.Formats.Images;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Datasets;

public sealed class ImageFolderTests
{
    [Fact]
    public void ClassFolders_LabelBySortedNameAndMixFormats()
    {
        using var dir = new TempDirectory();
        PngEncoder.Write(Path.Combine(Directory.CreateDirectory(dir.File("zebra")).FullName, "1.png"), Fixtures.Pattern(4, 4, 1));
        PngEncoder.Write(Path.Combine(Directory.CreateDirectory(dir.File("apple")).FullName, "b.png"), Fixtures.Pattern(4, 4, 1, seed: 2));
        dir.Write("apple/a.pgm", Fixtures.Pnm("P5", 4, 4, 255, Enumerable.Range(0, 16).ToArray()));
        dir.Write("apple/notes.txt", "ignored");
        dir.Write("apple/.hidden.png", "ignored too");

        var data = ImageFolder.Load(dir.Path);

        Assert.Equal(["apple", "zebra"], data.ClassNames);
        Assert.Equal([0, 0, 1], data.Labels!);
        Assert.Equal((3, 1, 4, 4), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal(15 / 255f, data.Image(0)[15]); // a.pgm sorts before b.png
    }

    [Fact]
    public void FlatFolder_IsUnlabeledAndResizedToTheRequestedShape()
    {
        using var dir = new TempDirectory();
        PngEncoder.Write(dir.File("a.png"), Fixtures.Pattern(6, 5, 3));
        PngEncoder.Write(dir.File("b.png"), Fixtures.Pattern(3, 3, 1));

        var data = ImageFolder.Load(dir.Path, new ImageLoadOptions { Channels = 3, Height = 8, Width = 8 });

        Assert.Null(data.Labels);
        Assert.Equal((2, 3, 8, 8), (data.Count, data.Channels, data.Height, data.Width));
        Assert.True(data.Image(1)[..64].SequenceEqual(data.Image(1).Slice(64, 64)), "grey image replicated into RGB");
    }

    [Fact]
    public void DefaultShape_IsTheFirstImages()
    {
        using var dir = new TempDirectory();
        PngEncoder.Write(dir.File("a.png"), Fixtures.Pattern(6, 5, 4));
        PngEncoder.Write(dir.File("b.png"), Fixtures.Pattern(2, 2, 1));
        var data = ImageFolder.Load(dir.Path);
        Assert.Equal((3, 5, 6), (data.Channels, data.Height, data.Width));
    }

    [Fact]
    public void BadLayoutsAndFiles_NameThePath()
    {
        using var dir = new TempDirectory();
        Assert.Equal($"{dir.Path}: no images found (looked for .jpeg, .jpg, .pgm, .png, .pnm, .ppm in the folder and its class sub-folders)",
            Assert.Throws<DatasetException>(() => ImageFolder.Load(dir.Path)).Message);
        PngEncoder.Write(dir.File("top.png"), Fixtures.Pattern(2, 2, 1));
        Directory.CreateDirectory(dir.File("cat"));
        PngEncoder.Write(dir.File("cat/x.png"), Fixtures.Pattern(2, 2, 1));
        Assert.Contains("mixes 1 images at the top level (e.g. top.png) with class sub-folders",
            Assert.Throws<DatasetException>(() => ImageFolder.Load(dir.Path)).Message);
        File.Delete(dir.File("top.png"));
        Directory.CreateDirectory(dir.File("dog"));
        Assert.Equal($"{dir.File("dog")}: class folder holds no images", Assert.Throws<DatasetException>(() => ImageFolder.Load(dir.Path)).Message);
        dir.Write("dog/broken.png", "not really a png");
        Assert.StartsWith($"{dir.File("dog/broken.png")}: unrecognised image format",
            Assert.Throws<DatasetException>(() => ImageFolder.Load(dir.Path)).Message);
        Assert.Equal("/no/such/dir: image folder not found", Assert.Throws<DatasetException>(() => ImageFolder.Load("/no/such/dir")).Message);
    }

    [Fact]
    public void ManyFiles_DecodeInParallelInFileOrder()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 40; i++)
            PngEncoder.Write(dir.File($"{i:D3}.png"), new DecodedImage(Enumerable.Repeat((byte)i, 9).ToArray(), 3, 3, 1));
        var data = ImageFolder.Load(dir.Path);
        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(i / 255f, data.Image(i)[4]));
    }
}
