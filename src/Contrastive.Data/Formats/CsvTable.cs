using System.Globalization;
using System.Text;

namespace Contrastive.Data.Formats;

/// <summary>
/// Reads a CSV table with a header row into a <see cref="TabularDataset"/>: every column is a float32 feature
/// except the optional label column, whose values become class indices (non-negative integers as they are,
/// other strings by sorted name). Fields may be double-quoted (<c>""</c> escapes a quote); blank lines are skipped.
/// Ragged rows and empty, non-numeric or non-finite cells are errors naming the line and column.
/// </summary>
public static class CsvTable
{
    /// <summary>Loads <paramref name="path"/>; <paramref name="labelColumn"/> names the label column (null: unlabeled).</summary>
    /// <exception cref="DatasetException">The file is missing or malformed; the message names the line and column.</exception>
    public static TabularDataset Load(string path, string? labelColumn = null, char separator = ',') =>
        Load(path, labelColumn, out _, separator);

    /// <summary>Loads <paramref name="path"/> and returns the class name of each label index in <paramref name="classNames"/>.</summary>
    public static TabularDataset Load(string path, string? labelColumn, out IReadOnlyList<string>? classNames, char separator = ',')
    {
        var text = Encoding.UTF8.GetString(DataFile.ReadRaw(path));
        using var reader = new StringReader(text);
        var lineNumber = 0;
        string? line;
        do
        {
            line = reader.ReadLine();
            lineNumber++;
        } while (line is not null && string.IsNullOrWhiteSpace(line));
        if (line is null) throw new DatasetException(path, "empty CSV file: no header row");
        var header = Split(line, separator, lineNumber, path).Select(h => h.Trim()).ToArray();
        CheckHeader(header, path);
        var labelIndex = labelColumn is null ? -1 : Array.IndexOf(header, labelColumn);
        if (labelColumn is not null && labelIndex < 0)
            throw new DatasetException(path, $"label column '{labelColumn}' not found; the header has {string.Join(", ", header.Select(h => $"'{h}'"))}");
        var featureNames = header.Where((_, c) => c != labelIndex).ToArray();
        if (featureNames.Length == 0) throw new DatasetException(path, "CSV file has no feature columns besides the label");
        var features = new List<float>();
        var rows = 0;
        var rawLabels = new List<string>();
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = Split(line, separator, lineNumber, path);
            if (cells.Count != header.Length)
                throw new DatasetException(path, $"line {lineNumber} has {cells.Count} fields, the header has {header.Length}");
            rows++;
            for (var c = 0; c < cells.Count; c++)
            {
                if (c == labelIndex)
                {
                    var label = cells[c].Trim();
                    if (label.Length == 0) throw new DatasetException(path, $"line {lineNumber}, label column '{header[c]}': empty label");
                    rawLabels.Add(label);
                    continue;
                }
                features.Add(ParseCell(cells[c], lineNumber, c, header[c], path));
            }
        }
        if (rows == 0) throw new DatasetException(path, "CSV file has a header but no data rows");
        int[]? labels = null;
        classNames = null;
        if (labelIndex >= 0)
        {
            (labels, var names) = ClassLabels.Map(rawLabels);
            classNames = names;
        }
        return new TabularDataset(features.ToArray(), rows, featureNames.Length, labels, featureNames, path);
    }

    /// <summary>The column names of the header row of <paramref name="path"/> (the first non-blank line).</summary>
    /// <exception cref="DatasetException">The file is missing or has no header row.</exception>
    public static IReadOnlyList<string> ReadHeader(string path, char separator = ',')
    {
        if (!File.Exists(path)) throw new DatasetException(path, "file not found");
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line)) return Split(line, separator, lineNumber, path).Select(h => h.Trim()).ToArray();
        }
        throw new DatasetException(path, "empty CSV file: no header row");
    }

    private static float ParseCell(string cell, int line, int column, string name, string path)
    {
        var where = $"line {line}, column {column + 1} '{name}'";
        if (string.IsNullOrWhiteSpace(cell)) throw new DatasetException(path, $"{where}: empty cell");
        if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new DatasetException(path, $"{where}: '{cell.Trim()}' is not a number");
        if (!float.IsFinite(value)) throw new DatasetException(path, $"{where}: '{cell.Trim()}' is not a finite float32 value");
        return value;
    }

    private static void CheckHeader(string[] header, string path)
    {
        for (var c = 0; c < header.Length; c++)
        {
            if (header[c].Length == 0) throw new DatasetException(path, $"header column {c + 1} has an empty name");
            if (Array.IndexOf(header, header[c]) != c) throw new DatasetException(path, $"header names column '{header[c]}' twice");
        }
    }

    /// <summary>Splits one line into fields, honouring double quotes.</summary>
    internal static List<string> Split(string line, char separator, int lineNumber, string path)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw new DatasetException(path, $"line {lineNumber}: unterminated quoted field");
                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (line[i] == '"') { i++; break; }
                    else field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != separator)
                    throw new DatasetException(path, $"line {lineNumber}: unexpected character '{line[i]}' after a quoted field");
            }
            else
            {
                while (i < line.Length && line[i] != separator) field.Append(line[i++]);
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i >= line.Length) return fields;
            i++; // separator
        }
    }
}
