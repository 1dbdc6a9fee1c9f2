namespace Contrastive.Data.Text;

/// <summary>
/// Text records for sentence-embedding training: single texts (optionally labelled), pairs or triplets. Every record has
/// an <see cref="Anchors"/> entry; pairs add <see cref="Positives"/>, triplets also <see cref="Negatives"/>. Records
/// sharing an anchor text form one <see cref="Groups"/> entry (a WordNet synset's gloss with each of its examples), so a
/// split keeps a group whole and retrieval counts every positive of the group as relevant.
/// </summary>
public sealed class TextCorpus
{
    /// <summary>Creates a corpus, checking that the columns fit the kind and each other.</summary>
    /// <exception cref="ArgumentException">A column is missing, present without need, of another length, or a label is out of range.</exception>
    public TextCorpus(TextRecordKind kind, IReadOnlyList<string> anchors, IReadOnlyList<string>? positives, IReadOnlyList<string>? negatives,
        int[]? labels, IReadOnlyList<string>? classNames, string source)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        Check(positives is not null == kind is TextRecordKind.Pairs or TextRecordKind.Triplets, source, "positives belong to pairs and triplets");
        Check(negatives is not null == (kind == TextRecordKind.Triplets), source, "negatives belong to triplets");
        Check(labels is not null == (kind == TextRecordKind.LabeledTexts), source, "labels belong to labelled texts");
        Check(positives is null || positives.Count == anchors.Count, source, $"{positives?.Count} positives for {anchors.Count} anchors");
        Check(negatives is null || negatives.Count == anchors.Count, source, $"{negatives?.Count} negatives for {anchors.Count} anchors");
        if (labels is not null)
        {
            Check(labels.Length == anchors.Count, source, $"{labels.Length} labels for {anchors.Count} texts");
            Check(classNames is not null && labels.All(l => l >= 0 && l < classNames.Count), source, "every label must index a class name");
        }
        (Kind, Anchors, Positives, Negatives, Labels, ClassNames, Source) = (kind, anchors, positives, negatives, labels, classNames, source);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        Groups = anchors.Select(a => ids.TryGetValue(a, out var g) ? g : ids[a] = ids.Count).ToArray();
        GroupCount = ids.Count;
    }

    /// <summary>What the records hold.</summary>
    public TextRecordKind Kind { get; }

    /// <summary>The texts, or the anchors of pairs and triplets.</summary>
    public IReadOnlyList<string> Anchors { get; }

    /// <summary>Pairs and triplets: each anchor's positive.</summary>
    public IReadOnlyList<string>? Positives { get; }

    /// <summary>Triplets: each anchor's (hard) negative.</summary>
    public IReadOnlyList<string>? Negatives { get; }

    /// <summary>Labelled texts: class indices.</summary>
    public int[]? Labels { get; }

    /// <summary>Labelled texts: class names by index.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Per record, the index of its anchor text among the distinct anchors.</summary>
    public int[] Groups { get; }

    /// <summary>The number of distinct anchors.</summary>
    public int GroupCount { get; }

    /// <summary>Where the records came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The number of records.</summary>
    public int Count => Anchors.Count;

    /// <summary>Every text of the corpus (anchors, positives, negatives), for building a vocabulary.</summary>
    public IEnumerable<string> AllTexts() => Anchors.Concat(Positives ?? []).Concat(Negatives ?? []);

    /// <summary>The records at <paramref name="rows"/>, in that order.</summary>
    public TextCorpus Subset(IReadOnlyList<int> rows, string source)
    {
        ArgumentNullException.ThrowIfNull(rows);
        static IReadOnlyList<string>? Pick(IReadOnlyList<string>? column, IReadOnlyList<int> rows) => column is null ? null : rows.Select(r => column[r]).ToArray();
        return new TextCorpus(Kind, Pick(Anchors, rows)!, Pick(Positives, rows), Pick(Negatives, rows), Labels is null ? null : rows.Select(r => Labels[r]).ToArray(),
            ClassNames, source);
    }

    private static void Check(bool condition, string source, string problem)
    {
        if (!condition) throw new ArgumentException($"{source}: {problem}");
    }
}
