using System.Text;
using System.Text.Json;

namespace Contrastive.Data.Formats;

/// <summary>
/// Reads JSON Lines files: one JSON object per line, UTF-8, blank lines skipped. The format readers built on it
/// (text records, image-text pairs) only say what a record's fields mean.
/// </summary>
public static class JsonLines
{
    /// <summary>
    /// Calls <paramref name="record"/> with every object of <paramref name="path"/>, in file order, and its 1-based
    /// line number (for the record's own error messages). The element is only valid during the call.
    /// </summary>
    /// <exception cref="DatasetException">The file is missing or unreadable, or a non-blank line is not valid JSON
    /// or not an object; the message names the file and line.</exception>
    public static void ReadObjects(string path, Action<JsonElement, int> record)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(record);
        using var reader = new StringReader(Encoding.UTF8.GetString(DataFile.ReadRaw(path)));
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new DatasetException(path, $"line {lineNumber}: invalid JSON: {e.Message}", e);
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new DatasetException(path, $"line {lineNumber}: expected a JSON object, found {root.ValueKind}");
                try
                {
                    record(root, lineNumber);
                }
                catch (InvalidOperationException e)
                {
                    // What JsonElement throws when a string holds an escaped lone surrogate ("\ud800"): not text.
                    throw new DatasetException(path, $"line {lineNumber}: a string is not valid text ({e.Message})", e);
                }
            }
        }
    }
}
