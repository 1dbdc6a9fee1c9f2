using System.Reflection;
using Contrastive.Data.Formats;

namespace Contrastive.Data.Datasets;

/// <summary>
/// The dataset that ships inside this assembly, so training works on a machine with only the .NET SDK:
/// the 10,000-image Fashion-MNIST test set (MIT, Zalando SE; see <see cref="License"/>), split into
/// 8,000 train and 2,000 test images. The split is stratified and needs no random numbers: for each class
/// (1,000 images each) its first 800 images in file order train, its last 200 test.
/// </summary>
public static class DemoDataset
{
    private const string Prefix = "Contrastive.Data.Resources.";

    /// <summary>Images per class held out for the test part.</summary>
    public const double TestFraction = 0.2;

    /// <summary>The licence and attribution text of the embedded data.</summary>
    public static string License
    {
        get
        {
            using var reader = new StreamReader(Open("LICENSE-fashion-mnist.txt"));
            return reader.ReadToEnd();
        }
    }

    /// <summary>Loads (train 8,000, test 2,000) images of 1x28x28 in [0, 1] with the Fashion-MNIST labels and class names.</summary>
    public static ImageDatasetSplit Load()
    {
        const string images = "t10k-images-idx3-ubyte.gz", labels = "t10k-labels-idx1-ubyte.gz";
        byte[] imageBytes, labelBytes;
        using (var s = Open(images)) imageBytes = DataFile.ReadAll(s, "embedded:" + images);
        using (var s = Open(labels)) labelBytes = DataFile.ReadAll(s, "embedded:" + labels);
        var all = IdxFile.ToDataset(imageBytes, "embedded:" + images, labelBytes, "embedded:" + labels, FashionMnist.ClassNames);
        var (train, test) = Splits.Stratified(all.Count, all.Labels, TestFraction, seed: null);
        return new ImageDatasetSplit(all.Subset(train, "demo (embedded Fashion-MNIST t10k, train part)"),
                                     all.Subset(test, "demo (embedded Fashion-MNIST t10k, test part)"));
    }

    private static Stream Open(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + name)
        ?? throw new DatasetException("embedded:" + name, "resource missing from Contrastive.Data.dll (the build did not embed Resources/)");
}
