using System.Text.Json;

namespace Contrastive.Data.Formats;

/// <summary>
/// Reads JSON Lines text data into a <see cref="TextDataset"/>: one JSON object per line with a string text
/// field and an optional label field (a string, or a non-negative integer; mapped to classes as in
/// <see cref="CsvTable"/>). Either every record has a label or none has. Blank lines are skipped.
/// </summary>
public static class JsonlText
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="DatasetException">The file is missing, a line is not a JSON object, or a field is missing or of the wrong type; the message names the line.</exception>
    public static TextDataset Load(string path, string textField = "text", string labelField = "label")
    {
        var texts = new List<string>();
        var labels = new List<string>();
        var firstUnlabeled = 0;
        JsonLines.ReadObjects(path, (root, line) =>
        {
            if (!root.TryGetProperty(textField, out var text) || text.ValueKind != JsonValueKind.String)
                throw new DatasetException(path, $"line {line}: missing string field '{textField}'");
            texts.Add(text.GetString()!);
            if (root.TryGetProperty(labelField, out var label)) labels.Add(LabelText(label, line, labelField, path));
            else if (firstUnlabeled == 0) firstUnlabeled = line;
        });
        if (texts.Count == 0) throw new DatasetException(path, "no records");
        if (labels.Count == 0) return new TextDataset(texts, null, null, path);
        if (labels.Count != texts.Count)
            throw new DatasetException(path, $"line {firstUnlabeled}: no '{labelField}' field, but {labels.Count} of {texts.Count} records have one (label all or none)");
        var (indices, names) = ClassLabels.Map(labels);
        return new TextDataset(texts, indices, names, path);
    }

    private static string LabelText(JsonElement label, int line, string field, string path) => label.ValueKind switch
    {
        JsonValueKind.String when label.GetString()!.Length > 0 => label.GetString()!,
        JsonValueKind.Number when label.TryGetInt32(out var n) && n >= 0 => label.GetRawText(),
        _ => throw new DatasetException(path, $"line {line}: field '{field}' must be a non-empty string or a non-negative integer, found {label.GetRawText()}"),
    };
}
