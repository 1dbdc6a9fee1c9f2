using System.Text.Json;
using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Data.Formats;
using Contrastive.Data.Formats.Images;

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
    public static (ImageDataset Images, string[] Captions) Load(string path, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ImageLoadOptions();
        if (!File.Exists(path)) throw new DatasetException(path, "image-text file not found");
        var (files, captions, lines) = ReadRecords(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var first = Decode(path, lines[0], Path.Combine(folder, files[0]));
        var channels = options.Channels ?? (first.IsColor ? 3 : 1);
        var height = options.Height ?? first.Height;
        var width = options.Width ?? first.Width;
        var size = channels * height * width;
        var pixels = new float[(long)files.Length * size];
        var failures = new Exception?[files.Length];
        Parallelism.ForChunks(files.Length, 16, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                try
                {
                    var image = i == 0 ? first : Decode(path, lines[i], Path.Combine(folder, files[i]));
                    ImageResampler.ToPlanar(image, channels, height, width, pixels.AsSpan(i * size, size));
                }
                catch (DatasetException e)
                {
                    failures[i] = e;
                    return;
                }
            }
        });
        if (Array.Find(failures, f => f is not null) is { } failure) throw failure;
        return (new ImageDataset(pixels, files.Length, channels, height, width, null, null, path), captions);
    }

    private static DecodedImage Decode(string jsonl, int line, string imagePath)
    {
        try
        {
            return ImageDecoder.Decode(imagePath);
        }
        catch (DatasetException e)
        {
            throw new DatasetException(jsonl, $"line {line}: {e.Message}", e);
        }
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
