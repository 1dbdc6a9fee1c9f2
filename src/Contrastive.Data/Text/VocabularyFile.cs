using System.Text.Json;
using Contrastive.IO;

namespace Contrastive.Data.Text;

/// <summary>
/// The JSON vocabulary file of <see cref="WordTokenizer"/>:
/// <c>{"format": "contrastive-word-vocabulary", "version": 1, "tokens": ["[PAD]", "[UNK]", "[CLS]", "[SEP]", ...]}</c>,
/// where a token's id is its index.
/// </summary>
internal static class VocabularyFile
{
    public const string Format = "contrastive-word-vocabulary";
    public const int Version = 1;

    public static void Write(string path, IReadOnlyList<string> tokens)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteStartArray("tokens");
            foreach (var token in tokens) json.WriteStringValue(token);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static WordTokenizer Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a JSON vocabulary file ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: expected a JSON object with format, version and tokens, got {root.ValueKind}");
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                throw new InvalidDataException($"{path}: field 'format' must be \"{Format}\"");
            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v) || v != Version)
                throw new InvalidDataException($"{path}: field 'version' must be {Version} (this build reads version {Version} only)");
            if (!root.TryGetProperty("tokens", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{path}: field 'tokens' must be an array of strings");
            var tokens = new List<string>(list.GetArrayLength());
            foreach (var token in list.EnumerateArray())
            {
                if (token.ValueKind != JsonValueKind.String)
                    throw new InvalidDataException($"{path}: 'tokens' entry {tokens.Count} is {token.ValueKind}, not a string");
                tokens.Add(token.GetString()!);
            }
            try
            {
                return new WordTokenizer(tokens);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
        }
    }
}
