using Contrastive.Data.Text;
using Contrastive.Evaluation;

namespace Contrastive.Text;

/// <summary>
/// The TF-IDF baseline of the text evaluations, as scikit-learn's <c>TfidfVectorizer</c> defaults: words as
/// <see cref="WordTokenizer.SplitWords"/> splits them, raw counts times idf = ln((1 + N) / (1 + df)) + 1 with N and df
/// counted on the fitting texts (words they lack are dropped), rows L2-normalised.
/// </summary>
public sealed class TfIdf
{
    private readonly Dictionary<string, float> _idf;

    private TfIdf(Dictionary<string, float> idf) => _idf = idf;

    /// <summary>The number of words with an idf.</summary>
    public int VocabularySize => _idf.Count;

    /// <summary>Fits the idf on <paramref name="texts"/>.</summary>
    public static TfIdf Fit(IReadOnlyCollection<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var word in WordTokenizer.SplitWords(text).Distinct())
                df[word] = df.GetValueOrDefault(word) + 1;
        var n = texts.Count;
        return new TfIdf(df.ToDictionary(kv => kv.Key, kv => MathF.Log((1f + n) / (1f + kv.Value)) + 1f, StringComparer.Ordinal));
    }

    /// <summary>
    /// The normalised TF-IDF rows of two sets of texts that will only be compared with each other (queries and gallery,
    /// or test and train), as dense matrices over the words both sets contain: a word in one set only adds nothing to any
    /// cosine between them, so leaving its column out (after normalising) changes no similarity and saves the memory.
    /// </summary>
    public (EmbeddingMatrix First, EmbeddingMatrix Second) Transform(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = first.Select(Weights).ToArray();
        var b = second.Select(Weights).ToArray();
        var shared = a.SelectMany(r => r.Keys).ToHashSet(StringComparer.Ordinal);
        shared.IntersectWith(b.SelectMany(r => r.Keys));
        var columns = shared.Order(StringComparer.Ordinal).Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        return (Dense(a, columns), Dense(b, columns));
    }

    private Dictionary<string, float> Weights(string text)
    {
        var row = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var word in WordTokenizer.SplitWords(text))
            if (_idf.TryGetValue(word, out var idf)) row[word] = row.GetValueOrDefault(word) + idf;
        var norm = MathF.Sqrt(row.Values.Sum(v => v * v));
        foreach (var word in row.Keys) row[word] /= norm;
        return row;
    }

    private static EmbeddingMatrix Dense(Dictionary<string, float>[] rows, Dictionary<string, int> columns)
    {
        var dim = Math.Max(1, columns.Count);
        var data = new float[(long)rows.Length * dim];
        for (var r = 0; r < rows.Length; r++)
            foreach (var (word, weight) in rows[r])
                if (columns.TryGetValue(word, out var c)) data[(long)r * dim + c] = weight;
        return EmbeddingMatrix.FromSpan(data, dim);
    }
}
