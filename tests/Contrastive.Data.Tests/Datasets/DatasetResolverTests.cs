using Contrastive.Data.Datasets;
using Contrastive.Data.Formats;
using Contrastive.Data.Formats.Images;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Datasets;

public sealed class DatasetResolverTests
{
    [Fact]
    public void Demo_IsTheEmbeddedSplit_OptionallyResized()
    {
        var (train, test) = DatasetResolver.LoadImages("demo", new ImageLoadOptions { Height = 14, Width = 14 });
        Assert.Equal((8000, 1, 14, 14), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal(2000, test.Count);
        Assert.Equal(FashionMnist.ClassNames, test.ClassNames);
    }

    [Fact]
    public void FashionMnist_UsesTheDebianFilesOrExplainsHowToGetThem()
    {
        if (!FashionMnist.IsInstalled())
        {
            Assert.Contains("apt-get install dataset-fashion-mnist", Assert.Throws<DatasetException>(() => DatasetResolver.LoadImages("fashion-mnist")).Message);
            return;
        }
        var (train, test) = DatasetResolver.LoadImages("fashion-mnist");
        Assert.Equal((60_000, 10_000), (train.Count, test.Count));
    }

    [Fact]
    public void IdxDirectory_WithBothParts_AndWithTrainOnly()
    {
        using var dir = new TempDirectory();
        var pixels = Enumerable.Range(0, 10 * 4).Select(i => (byte)i).ToArray();
        IdxWriter.WriteImages(dir.File("train-images-idx3-ubyte.gz"), pixels, 10, 2, 2, gzip: true);
        IdxWriter.WriteLabels(dir.File("train-labels-idx1-ubyte.gz"), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], gzip: true);

        var (train, test) = DatasetResolver.LoadImages(dir.Path, new ImageLoadOptions { TestFraction = 0.2, SplitSeed = null });
        Assert.Equal((8, 2), (train.Count, test.Count));
        Assert.Equal([0, 1], test.Labels!);

        IdxWriter.WriteImages(dir.File("t10k-images-idx3-ubyte"), pixels.AsSpan(0, 8), 2, 2, 2, gzip: false);
        IdxWriter.WriteLabels(dir.File("t10k-labels-idx1-ubyte"), [1, 0], gzip: false);
        (train, test) = DatasetResolver.LoadImages(dir.Path);
        Assert.Equal((10, 2), (train.Count, test.Count));
        Assert.Equal(["0", "1"], test.ClassNames);
    }

    [Fact]
    public void ImageFolder_IsSplitPerClassBySeed()
    {
        using var dir = new TempDirectory();
        foreach (var cls in new[] { "a", "b" })
            for (var i = 0; i < 5; i++)
                PngEncoder.Write(Path.Combine(Directory.CreateDirectory(dir.File(cls)).FullName, $"{i}.png"), Fixtures.Pattern(3, 3, 3, i));

        var options = new ImageLoadOptions { Channels = 1, TestFraction = 0.4, SplitSeed = 3 };
        var (train, test) = DatasetResolver.LoadImages(dir.Path, options);
        var again = DatasetResolver.LoadImages(dir.Path, options);

        Assert.Equal((6, 4, 1), (train.Count, test.Count, test.Channels));
        Assert.Equal([0, 0, 1, 1], test.Labels!);
        Assert.True(test.Pixels.SequenceEqual(again.Test.Pixels));
    }

    [Fact]
    public void UnknownSpec_ListsWhatIsAccepted()
    {
        var e = Assert.Throws<DatasetException>(() => DatasetResolver.LoadImages("mnist-but-misspelled"));
        Assert.Equal($"mnist-but-misspelled: unknown data: not a dataset name or an existing directory; expected {DatasetResolver.Accepted}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
