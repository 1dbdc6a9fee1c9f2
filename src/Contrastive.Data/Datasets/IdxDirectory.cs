namespace Contrastive.Data.Datasets;

/// <summary>Finds the MNIST-style file pair of one part in a directory: <c>train-images-idx3-ubyte[.gz]</c> and
/// <c>train-labels-idx1-ubyte[.gz]</c>, or <c>t10k-</c> / <c>test-</c> for the test part (also the dotted
/// <c>train-images.idx3-ubyte</c> spelling). An uncompressed file is preferred over its .gz twin.</summary>
internal static class IdxDirectory
{
    /// <summary>The images file and the labels file (null when the part has no labels file).</summary>
    public sealed record Pair(string Images, string? Labels);

    public static Pair? Find(string directory, DatasetPart part)
    {
        if (!Directory.Exists(directory)) return null;
        foreach (var prefix in Prefixes(part))
        {
            var images = Pick(directory, prefix, "images", "idx3");
            if (images is not null) return new Pair(images, Pick(directory, prefix, "labels", "idx1"));
        }
        return null;
    }

    public static string Describe(DatasetPart part) =>
        string.Join(" or ", Prefixes(part).Select(p => $"{p}-images-idx3-ubyte[.gz]")) + " with the matching -labels-idx1-ubyte[.gz]";

    private static string[] Prefixes(DatasetPart part) => part == DatasetPart.Train ? ["train"] : ["t10k", "test"];

    private static string? Pick(string directory, string prefix, string kind, string idx)
    {
        foreach (var separator in "-.")
            foreach (var suffix in (ReadOnlySpan<string>)["", ".gz"])
            {
                var path = Path.Combine(directory, $"{prefix}-{kind}{separator}{idx}-ubyte{suffix}");
                if (File.Exists(path)) return path;
            }
        return null;
    }
}
