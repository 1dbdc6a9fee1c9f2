using Contrastive.Data.Datasets;

namespace Contrastive.Data.Tests.Datasets;

public sealed class DemoDatasetTests
{
    private static readonly Lazy<ImageDatasetSplit> Demo = new(DemoDataset.Load);

    [Fact]
    public void Load_Gives8000TrainAnd2000TestBalancedImages()
    {
        var (train, test) = Demo.Value;
        Assert.Equal((8000, 1, 28, 28), (train.Count, train.Channels, train.Height, train.Width));
        Assert.Equal((2000, 1, 28, 28), (test.Count, test.Channels, test.Height, test.Width));
        Assert.Equal(10, train.ClassCount);
        Assert.Equal(FashionMnist.ClassNames, train.ClassNames);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(800, train.Labels!.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(200, test.Labels!.Count(l => l == c)));
    }

    [Fact]
    public void Pixels_AreInUnitRangeAndUseIt()
    {
        var train = Demo.Value.Train;
        var (min, max) = (float.MaxValue, float.MinValue);
        foreach (var p in train.Pixels) (min, max) = (Math.Min(min, p), Math.Max(max, p));
        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
        var mean = train.Pixels.ToArray().Average();
        Assert.InRange(mean, 0.2, 0.4); // Fashion-MNIST's mean pixel is about 0.286
    }

    [Fact]
    public void Load_IsDeterministicAndMatchesTheInstalledTestSetWhenPresent()
    {
        var again = DemoDataset.Load();
        Assert.True(Demo.Value.Train.Pixels.SequenceEqual(again.Train.Pixels));
        Assert.Equal(Demo.Value.Test.Labels, again.Test.Labels);
        if (!FashionMnist.IsInstalled()) return;
        var full = FashionMnist.Load(DatasetPart.Test);
        // The first train image is the first image of the file (its class's first), the last test image the file's last.
        Assert.True(full.Image(0).SequenceEqual(again.Train.Image(0)));
        Assert.True(full.Image(full.Count - 1).SequenceEqual(again.Test.Image(again.Test.Count - 1)));
    }

    [Fact]
    public void License_CarriesTheZalandoMitNotice()
    {
        Assert.Contains("Copyright (c) 2017 Zalando SE", DemoDataset.License);
        Assert.Contains("MIT License", DemoDataset.License);
    }
}
