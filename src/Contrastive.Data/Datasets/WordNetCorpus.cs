using Contrastive.Data.Text;

namespace Contrastive.Data.Datasets;

/// <summary>
/// WordNet's synsets (Debian's <c>wordnet-base</c>) as positive pairs: the gloss of a synset (its definitions, without
/// the examples) is the anchor, and each of its example sentences a positive, so a synset with three examples gives three
/// pairs of one anchor group. Synsets without examples are left out. Read from the <c>data.noun</c>, <c>data.verb</c>,
/// <c>data.adj</c> and <c>data.adv</c> files (lines <c>offset lex_filenum pos words... | gloss; "example"; ...</c>;
/// the licence header lines start with spaces).
/// </summary>
public static class WordNetCorpus
{
    /// <summary>Where <c>wordnet-base</c> installs the database.</summary>
    public const string DefaultDirectory = "/usr/share/wordnet";

    private static readonly string[] s_files = ["data.noun", "data.verb", "data.adj", "data.adv"];

    /// <summary>Loads the (gloss, example) pairs of <paramref name="directory"/>, in file then line order.</summary>
    /// <exception cref="DatasetException">The folder or its data files are missing (with the apt command that installs
    /// them), a data line has no gloss, or there are no examples.</exception>
    public static TextCorpus Load(string directory = DefaultDirectory)
    {
        if (!Directory.Exists(directory) || !s_files.Any(f => File.Exists(Path.Combine(directory, f))))
            throw new DatasetException(directory, "no WordNet database (data.noun, data.verb, ...); install the Debian package with `sudo apt-get install wordnet-base`");
        var anchors = new List<string>();
        var positives = new List<string>();
        foreach (var name in s_files)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) continue;
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (line.Length == 0 || line[0] == ' ') continue; // licence header
                var bar = line.IndexOf(" | ", StringComparison.Ordinal);
                if (bar < 0) throw new DatasetException(path, $"line {lineNumber}: no gloss (expected ' | ' before it)");
                var (gloss, examples) = ParseGloss(line[(bar + 3)..]);
                if (gloss.Length == 0) continue;
                foreach (var example in examples)
                {
                    anchors.Add(gloss);
                    positives.Add(example);
                }
            }
        }
        if (anchors.Count == 0) throw new DatasetException(directory, "no synset has an example sentence");
        return new TextCorpus(TextRecordKind.Pairs, anchors, positives, null, null, null, directory);
    }

    /// <summary>Splits a gloss field into its definitions (joined by "; ") and its double-quoted examples.</summary>
    public static (string Gloss, IReadOnlyList<string> Examples) ParseGloss(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var definitions = new List<string>();
        var examples = new List<string>();
        foreach (var part in field.Split(';'))
        {
            var text = part.Trim();
            if (text.Length == 0) continue;
            if (text[0] == '"')
            {
                var example = text.Trim('"').Trim();
                if (example.Length > 0) examples.Add(example);
            }
            else if (examples.Count == 0) definitions.Add(text);
        }
        return (string.Join("; ", definitions), examples);
    }
}
