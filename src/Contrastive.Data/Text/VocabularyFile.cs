using System.Text;
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

    /// <summary>The token's text; an escaped lone surrogate ("\ud800"), which JsonElement refuses to read, is an error.</summary>
    private static string Text(JsonElement token, int index, string path)
    {
        try
        {
            return token.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"{path}: 'tokens' entry {index} is not valid text ({e.Message})", e);
        }
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static WordTokenizer Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        JsonDocument document;
        try
        {
            // Decoded strictly first: JsonDocument leaves invalid UTF-8 inside strings for GetString to throw on.
            document = JsonDocument.Parse(s_strictUtf8.GetString(File.ReadAllBytes(path)));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a JSON vocabulary file ({e.Message})", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{path}: not a JSON vocabulary file (not valid UTF-8)", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: expected a JSON object with format, version and tokens, got {root.ValueKind}");
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                throw new InvalidDataException($"{path}: field 'format' must be \"{Format}\"");
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != Version)
                throw new InvalidDataException($"{path}: field 'version' must be {Version} (this build reads version {Version} only)");
            if (!root.TryGetProperty("tokens", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{path}: field 'tokens' must be an array of strings");
            var tokens = new List<string>(list.GetArrayLength());
            foreach (var token in list.EnumerateArray())
            {
                if (token.ValueKind != JsonValueKind.String)
                    throw new InvalidDataException($"{path}: 'tokens' entry {tokens.Count} is {token.ValueKind}, not a string");
                tokens.Add(Text(token, tokens.Count, path));
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
