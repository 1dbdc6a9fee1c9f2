using Contrastive.Data.Datasets;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Datasets;

public sealed class FashionMnistTests
{
    [Fact]
    public void Load_FromTheDebianPackageWhenInstalled_OtherwiseSaysHowToInstall()
    {
        if (!FashionMnist.IsInstalled())
        {
            var e = Assert.Throws<DatasetException>(() => FashionMnist.Load(DatasetPart.Test));
            Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
            return;
        }
        var test = FashionMnist.Load(DatasetPart.Test);
        Assert.Equal((10_000, 1, 28, 28), (test.Count, test.Channels, test.Height, test.Width));
        Assert.Equal(10, test.ClassCount);
        Assert.Equal("Ankle boot", test.ClassNames![test.Labels![0]]);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, test.Labels.Count(l => l == c)));
    }

    [Fact]
    public void Load_FromAnEmptyDirectory_NamesItAndThePackage()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<DatasetException>(() => FashionMnist.Load(DatasetPart.Train, dir.Path));
        Assert.StartsWith($"{dir.Path}: Fashion-MNIST train files not found (looked for train-images-idx3-ubyte[.gz]", e.Message);
        Assert.Contains("`sudo apt-get install dataset-fashion-mnist`", e.Message);
    }

    [Fact]
    public void ClassNames_AreTheTenFashionMnistClasses()
    {
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], FashionMnist.ClassNames);
    }
}
