using Contrastive.Data.Formats.Images;

namespace Contrastive.Data.Datasets;

/// <summary>
/// Loads a folder of images (PNG, PGM/PPM, JPEG): either one sub-folder per class, labelled by the sorted
/// (ordinal) folder names and searched recursively, or a flat folder of unlabeled images. Files are taken
/// in ordinal path order and decoded in parallel; hidden entries (starting with '.') and other extensions are ignored.
/// </summary>
public static class ImageFolder
{
    /// <summary>Loads every image of <paramref name="directory"/>, converted to the channels and size of <paramref name="options"/>.</summary>
    /// <exception cref="DatasetException">The folder is missing, empty or mixed, or an image is corrupt; the message names the file.</exception>
    public static ImageDataset Load(string directory, ImageLoadOptions? options = null)
    {
        var (files, labels, classNames) = Scan(directory);
        return ImageFiles.DecodeAll(files, options ?? new ImageLoadOptions(), directory, labels, classNames);
    }

    private static (string[] Files, int[]? Labels, string[]? ClassNames) Scan(string directory)
    {
        if (!Directory.Exists(directory)) throw new DatasetException(directory, "image folder not found");
        var topFiles = Images(directory, SearchOption.TopDirectoryOnly);
        var classDirs = Directory.GetDirectories(directory).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        var perClass = classDirs.Select(d => Images(d, SearchOption.AllDirectories)).ToArray();
        if (perClass.All(f => f.Length == 0))
        {
            if (topFiles.Length == 0)
                throw new DatasetException(directory, $"no images found (looked for {string.Join(", ", ImageDecoder.Extensions.Order())} in the folder and its class sub-folders)");
            return (topFiles, null, null);
        }
        if (topFiles.Length > 0)
            throw new DatasetException(directory, $"mixes {topFiles.Length} images at the top level (e.g. {Path.GetFileName(topFiles[0])}) with class sub-folders; use one layout");
        var empty = Array.FindIndex(perClass, f => f.Length == 0);
        if (empty >= 0) throw new DatasetException(classDirs[empty], "class folder holds no images");
        var labels = perClass.SelectMany((f, c) => Enumerable.Repeat(c, f.Length)).ToArray();
        return (perClass.SelectMany(f => f).ToArray(), labels, classDirs.Select(d => Path.GetFileName(d)).ToArray());
    }

    private static string[] Images(string directory, SearchOption search) =>
        Directory.EnumerateFiles(directory, "*", search)
            .Where(f => ImageDecoder.Extensions.Contains(Path.GetExtension(f)) && !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
