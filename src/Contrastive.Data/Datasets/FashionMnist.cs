using Contrastive.Data.Formats;

namespace Contrastive.Data.Datasets;

/// <summary>
/// Fashion-MNIST (Zalando SE, MIT licence): 28x28 grey images of 10 clothing classes, read from the gzip'd
/// IDX files that Debian's <c>dataset-fashion-mnist</c> package installs in <see cref="DefaultDirectory"/>.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist/";

    /// <summary>The class names, indexed by label 0-9.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Whether both parts are present in <paramref name="directory"/> (default <see cref="DefaultDirectory"/>).</summary>
    public static bool IsInstalled(string? directory = null)
    {
        var dir = directory ?? DefaultDirectory;
        return IdxDirectory.Find(dir, DatasetPart.Train) is not null && IdxDirectory.Find(dir, DatasetPart.Test) is not null;
    }

    /// <summary>Loads one part as (N, 1, 28, 28) images in [0, 1] with labels 0-9 and <see cref="ClassNames"/>.</summary>
    /// <exception cref="DatasetException">The files are absent (the message says how to install them) or malformed.</exception>
    public static ImageDataset Load(DatasetPart split, string? directory = null)
    {
        var dir = directory ?? DefaultDirectory;
        var files = IdxDirectory.Find(dir, split)
            ?? throw new DatasetException(dir,
                $"Fashion-MNIST {split.ToString().ToLowerInvariant()} files not found (looked for {IdxDirectory.Describe(split)}); " +
                "install them with `sudo apt-get install dataset-fashion-mnist`" +
                (directory is null ? "" : $" or pass the directory that holds them (default {DefaultDirectory})") +
                ", or use the embedded demo subset (--data demo)");
        var data = IdxFile.Load(files.Images, files.Labels, ClassNames);
        if (data.Height != 28 || data.Width != 28)
            throw new DatasetException(files.Images, $"Fashion-MNIST images are 28x28, this file holds {data.Height}x{data.Width}");
        return data;
    }
}
