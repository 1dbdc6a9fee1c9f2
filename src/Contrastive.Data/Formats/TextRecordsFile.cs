using System.Text;
using System.Text.Json;
using Contrastive.Data.Text;

namespace Contrastive.Data.Formats;

/// <summary>
/// Reads text records for sentence embeddings from JSON Lines (<c>.jsonl</c>: one object per line) or a table with a
/// header row (<c>.csv</c> comma-separated, <c>.tsv</c> tab-separated, double quotes as in <see cref="CsvTable"/>). The
/// field names say what a record is: <c>text</c> (single texts), <c>text</c> + <c>label</c> (labelled texts),
/// <c>anchor</c> + <c>positive</c> (pairs), <c>anchor</c> + <c>positive</c> + <c>negative</c> (triplets). The first
/// record decides; every record must then have the same fields, each a non-blank string (a label may also be a
/// non-negative integer in JSON). Other fields are ignored; blank lines are skipped.
/// </summary>
public static class TextRecordsFile
{
    private static readonly (TextRecordKind Kind, string[] Fields)[] s_kinds =
    [
        (TextRecordKind.Triplets, ["anchor", "positive", "negative"]),
        (TextRecordKind.Pairs, ["anchor", "positive"]),
        (TextRecordKind.LabeledTexts, ["text", "label"]),
        (TextRecordKind.Texts, ["text"]),
    ];

    /// <summary>True when <paramref name="path"/> has an extension this reader takes.</summary>
    public static bool Accepts(string path) =>
        Path.GetExtension(path ?? "").ToLowerInvariant() is ".jsonl" or ".csv" or ".tsv";

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="DatasetException">The file is missing, empty or malformed; the message names the file, the line and the field.</exception>
    public static TextCorpus Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var records = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" => ReadJsonl(path),
            ".csv" => ReadTable(path, ','),
            ".tsv" => ReadTable(path, '\t'),
            _ => throw new DatasetException(path, "text records must be .jsonl, .csv or .tsv"),
        };
        if (records.Rows.Count == 0) throw new DatasetException(path, "no records");
        var columns = Enumerable.Range(0, records.Fields.Length).Select(f => records.Rows.Select(r => r[f]).ToArray()).ToArray();
        return records.Kind switch
        {
            TextRecordKind.LabeledTexts => Labeled(columns, path),
            TextRecordKind.Texts => new TextCorpus(records.Kind, columns[0], null, null, null, null, path),
            TextRecordKind.Pairs => new TextCorpus(records.Kind, columns[0], columns[1], null, null, null, path),
            _ => new TextCorpus(records.Kind, columns[0], columns[1], columns[2], null, null, path),
        };
    }

    private static TextCorpus Labeled(string[][] columns, string path)
    {
        var (labels, names) = ClassLabels.Map(columns[1]);
        return new TextCorpus(TextRecordKind.LabeledTexts, columns[0], null, null, labels, names, path);
    }

    private static (TextRecordKind Kind, string[] Fields) KindOf(Func<string, bool> has, string path, string where, string found) =>
        s_kinds.FirstOrDefault(k => k.Fields.All(has)) is { Fields: not null } kind ? kind
            : throw new DatasetException(path, $"{where}: expected the fields text [label] or anchor, positive [negative]; found {found}");

    private static (TextRecordKind Kind, string[] Fields, List<string[]> Rows) ReadJsonl(string path)
    {
        (TextRecordKind Kind, string[] Fields)? kind = null;
        var rows = new List<string[]>();
        JsonLines.ReadObjects(path, (root, line) =>
        {
            kind ??= KindOf(f => root.TryGetProperty(f, out _), path, $"line {line}", string.Join(", ", root.EnumerateObject().Select(p => p.Name)));
            var fields = kind.Value.Fields;
            var row = new string[fields.Length];
            for (var f = 0; f < fields.Length; f++)
            {
                if (!root.TryGetProperty(fields[f], out var value))
                    throw new DatasetException(path, $"line {line}: missing field '{fields[f]}' (the first record has {string.Join(", ", fields)})");
                row[f] = value.ValueKind switch
                {
                    JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString()!,
                    JsonValueKind.Number when fields[f] == "label" && value.TryGetInt32(out var n) && n >= 0 => value.GetRawText(),
                    _ => throw new DatasetException(path, $"line {line}, field '{fields[f]}': expected a non-blank string, found {value.GetRawText()}"),
                };
            }
            rows.Add(row);
        });
        return kind is { } k ? (k.Kind, k.Fields, rows) : (TextRecordKind.Texts, ["text"], rows);
    }

    private static (TextRecordKind Kind, string[] Fields, List<string[]> Rows) ReadTable(string path, char separator)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(DataFile.ReadRaw(path)));
        var lineNumber = 0;
        string[]? header = null;
        int[] positions = [];
        (TextRecordKind Kind, string[] Fields) kind = (TextRecordKind.Texts, []);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = CsvTable.Split(line, separator, lineNumber, path);
            if (header is null)
            {
                header = cells.Select(c => c.Trim()).ToArray();
                kind = KindOf(header.Contains, path, $"header (line {lineNumber})", string.Join(", ", header));
                positions = kind.Fields.Select(f => Array.IndexOf(header, f)).ToArray();
                continue;
            }
            if (cells.Count != header.Length)
                throw new DatasetException(path, $"line {lineNumber} has {cells.Count} fields, the header has {header.Length}");
            var row = new string[positions.Length];
            for (var f = 0; f < positions.Length; f++)
            {
                row[f] = cells[positions[f]].Trim();
                if (row[f].Length == 0) throw new DatasetException(path, $"line {lineNumber}, field '{kind.Fields[f]}': empty");
            }
            rows.Add(row);
        }
        if (header is null) throw new DatasetException(path, "empty file: no header row");
        return (kind.Kind, kind.Fields, rows);
    }
}
