using System.Text;
using Contrastive.Data.Text;

namespace Contrastive.Data.Datasets;

/// <summary>
/// The fortune cookies of Debian's <c>fortunes</c> package as labelled texts: every file of the folder without an
/// extension is a category (art, computers, love, ...; the <c>.dat</c> indexes and <c>.u8</c> copies are skipped), its
/// fortunes are separated by lines holding only <c>%</c>, and the label of a fortune is its file's name. Whitespace runs
/// become single spaces; fortunes longer than <see cref="MaxCharacters"/> (ASCII art, long stories) are left out.
/// </summary>
public static class FortunesCorpus
{
    /// <summary>Where the <c>fortunes</c> package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/games/fortunes";

    /// <summary>The longest fortune kept, in characters.</summary>
    public const int MaxCharacters = 400;

    /// <summary>Loads the categories of <paramref name="directory"/>.</summary>
    /// <exception cref="DatasetException">The folder is missing (with the apt command that installs it) or holds no fortunes.</exception>
    public static TextCorpus Load(string directory = DefaultDirectory)
    {
        if (!Directory.Exists(directory))
            throw new DatasetException(directory, "no fortunes folder; install the Debian package with `sudo apt-get install fortunes`");
        var texts = new List<string>();
        var categories = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory).Where(f => Path.GetExtension(f).Length == 0).Order(StringComparer.Ordinal))
        {
            var category = Path.GetFileName(file);
            foreach (var fortune in Fortunes(File.ReadAllText(file, Encoding.UTF8)))
            {
                texts.Add(fortune);
                categories.Add(category);
            }
        }
        if (texts.Count == 0) throw new DatasetException(directory, "no fortunes found (expected files of texts separated by '%' lines)");
        var names = categories.Distinct().ToArray(); // already in ordinal order
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        return new TextCorpus(TextRecordKind.LabeledTexts, texts, null, null, categories.Select(c => index[c]).ToArray(), names, directory);
    }

    /// <summary>The fortunes of one file, whitespace collapsed, the too long and the blank left out.</summary>
    public static IEnumerable<string> Fortunes(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var current = new StringBuilder();
        foreach (var line in content.Split('\n').Append("%"))
        {
            if (line.TrimEnd('\r') == "%")
            {
                var text = string.Join(' ', current.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                current.Clear();
                if (text.Length > 0 && text.Length <= MaxCharacters) yield return text;
            }
            else current.Append(line).Append(' ');
        }
    }
}
