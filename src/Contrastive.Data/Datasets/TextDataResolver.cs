using Contrastive.Data.Formats;
using Contrastive.Data.Text;

namespace Contrastive.Data.Datasets;

/// <summary>Resolves a text <c>--data</c> value: <c>wordnet</c>, <c>fortunes</c> (the Debian corpora), or a
/// <c>.jsonl</c> / <c>.csv</c> / <c>.tsv</c> file of text records (<see cref="TextRecordsFile"/>).</summary>
public static class TextDataResolver
{
    /// <summary>The named corpora.</summary>
    public static readonly IReadOnlyList<string> Corpora = ["wordnet", "fortunes"];

    /// <summary>True when <paramref name="spec"/> names a built-in corpus.</summary>
    public static bool IsCorpus(string spec) => Corpora.Contains(spec);

    /// <summary>Loads the records <paramref name="spec"/> names.</summary>
    /// <exception cref="DatasetException">The data is missing or malformed.</exception>
    public static TextCorpus Load(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec switch
        {
            "wordnet" => WordNetCorpus.Load(),
            "fortunes" => FortunesCorpus.Load(),
            _ when TextRecordsFile.Accepts(spec) => TextRecordsFile.Load(spec),
            _ => throw new DatasetException(spec, $"text data must be {string.Join(", ", Corpora)} or a .jsonl, .csv or .tsv file of text records"),
        };
    }
}
