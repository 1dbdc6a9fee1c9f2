using System.Text.Json;
using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Data.Formats;

namespace Contrastive.Multimodal;

/// <summary>
/// Reads paired image-text data from JSON Lines: one object per line, <c>{"image": "relative/path.png", "text": "..."}</c>,
/// image paths relative to the JSONL file's folder (absolute paths are taken as they are). Images (PNG, PGM/PPM, JPEG)
/// are converted to the channels and size of the options, by default those of the first image. Blank lines are skipped.
/// </summary>
public static class ImageTextJsonl
{
    /// <summary>Loads the images and their captions, in file order.</summary>
    /// <exception cref="DatasetException">The file is missing or empty, a line is not a JSON object with string fields
    /// <c>image</c> and <c>text</c>, or an image is missing or corrupt; the message names the file and line.</exception>
    /// <exception cref="ArgumentException">The options ask for other than 1 or 3 channels or a non-positive size.</exception>
    public static (ImageDataset Images, string[] Captions) Load(string path, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ImageLoadOptions();
        if (!File.Exists(path)) throw new DatasetException(path, "image-text file not found");
        var (files, captions, lines) = ReadRecords(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var images = ImageFiles.DecodeAll(files.Select(f => Path.Combine(folder, f)).ToArray(), options, path,
            wrapError: (i, e) => new DatasetException(path, $"line {lines[i]}: {e.Message}", e));
        return (images, captions);
    }

    private static (string[] Files, string[] Captions, int[] Lines) ReadRecords(string path)
    {
        var (files, captions, lines) = (new List<string>(), new List<string>(), new List<int>());
        JsonLines.ReadObjects(path, (root, line) =>
        {
            files.Add(StringField(root, "image", path, line));
            captions.Add(StringField(root, "text", path, line));
            lines.Add(line);
        });
        if (files.Count == 0) throw new DatasetException(path, "no image-text records");
        return ([.. files], [.. captions], [.. lines]);
    }

    private static string StringField(JsonElement record, string field, string path, int line) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new DatasetException(path, $"line {line}: missing non-empty string field '{field}'");
}
