using Contrastive.Data.Loading;
using Contrastive.Data.Text;
using Contrastive.Data.Views;
using Contrastive.Methods;
using Contrastive.Tensors;

namespace Contrastive.Text;

/// <summary>
/// The views of <see cref="SentenceEmbedding"/>'s batches of training records, tokenised once, each view
/// packed to its longest text. What the views hold depends on the <see cref="TextMethod"/> and the records: the text
/// twice (two text augmentations of it when an augmentation is given) when the positive is the same text; else the anchor
/// and positive of pairs and triplets, or for labelled texts another text of the same class; with hard negatives also
/// the triplet's negative, or for labelled texts a text of another class.
/// <c>Labels</c> are the anchor groups (labelled texts: the classes), so rows of one group are not each other's negatives.
/// Per-batch randomness comes from (seed, epoch, batch), so a resumed run sees the same batches.
/// </summary>
public sealed class TextBatchViews : IBatchViews
{
    private readonly TextCorpus _data;
    private readonly ISentenceTokenizer _tokenizer;
    private readonly int _maxLength;
    private readonly TextMethod _method;
    private readonly ITextAugmentation? _augmentation;
    private readonly ulong _seed;
    private readonly int[][] _anchors;
    private readonly int[][]? _positives, _negatives;
    private readonly int[][]? _byClass;

    /// <summary>Creates the views of <paramref name="train"/>'s records.</summary>
    /// <exception cref="ArgumentException">The records do not have what the method needs.</exception>
    public TextBatchViews(TextCorpus train, ISentenceTokenizer tokenizer, int maxLength, TextMethod method, ulong seed, ITextAugmentation? augmentation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(method);
        (_data, _tokenizer, _maxLength, _method, _augmentation, _seed) = (train, tokenizer, maxLength, method, augmentation, seed);
        var labeled = train.Labels is not null;
        if (!method.PositiveIsSameText && !method.HardNegatives && train.Positives is null && !labeled)
            throw new ArgumentException($"--method {method.Name} needs pairs (anchor, positive), triplets or labelled texts; {train.Source} holds single texts (use --method {TextMethod.SimCse.Name})");
        if (method.HardNegatives && train.Negatives is null && !labeled)
            throw new ArgumentException($"--method {method.Name} needs triplets (anchor, positive, negative) or labelled texts; {train.Source} holds {train.Kind}");
        _anchors = Tokenize(train.Anchors);
        _positives = train.Positives is null ? null : Tokenize(train.Positives);
        _negatives = train.Negatives is null ? null : Tokenize(train.Negatives);
        if (labeled)
            _byClass = [.. Enumerable.Range(0, train.ClassNames!.Count).Select(c => Enumerable.Range(0, train.Count).Where(i => train.Labels![i] == c).ToArray())];
        PackedLengths = [.. Enumerable.Range(0, Count).Select(PackedLength)];
    }

    /// <summary>Per record, the packed ids ([CLS] and [SEP] included) of its longest fixed view: the anchor, and the given
    /// positive and negative (a positive drawn from the record's class varies from batch to batch and is not counted).</summary>
    public int[] PackedLengths { get; }

    /// <inheritdoc />
    public string Source => _data.Source;

    /// <inheritdoc />
    public int Count => _data.Count;

    /// <inheritdoc />
    public int ViewsPerSample => _method.ViewCount;

    /// <inheritdoc />
    public ViewBatch Make(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var rows = job.Indices;
        foreach (var row in rows)
            if ((uint)row >= (uint)Count) throw new ArgumentException($"record index {row} is outside {Source} (0..{Count - 1})");
        var rng = new Rng(_seed ^ (0x7E57UL + ((ulong)job.Epoch << 32) + (ulong)job.BatchIndex) * 0x9E3779B97F4A7C15UL);
        return new ViewBatch(Views(rows, rng), Labels(rows), rows, job.Epoch, job.BatchIndex);
    }

    /// <summary>The anchor groups of <paramref name="rows"/>: their classes for labelled texts unless the positive is the text itself.</summary>
    private int[] Labels(int[] rows) =>
        _data.Labels is { } classes && !_method.PositiveIsSameText ? [.. rows.Select(r => classes[r])] : [.. rows.Select(r => _data.Groups[r])];

    private List<Tensor> Views(int[] rows, Rng rng)
    {
        int[][] anchors = [.. rows.Select(r => _anchors[r])];
        var result = new List<Tensor>(_method.ViewCount);
        if (_method.PositiveIsSameText)
        {
            result.Add(Pack(anchors.Select(a => Augment(a, rng))));
            result.Add(Pack(anchors.Select(a => Augment(a, rng))));
        }
        else if (_byClass is null)
        {
            result.Add(Pack(anchors));
            result.Add(Pack(rows.Select(r => _positives![r])));
            if (_method.HardNegatives) result.Add(Pack(rows.Select(r => _negatives![r])));
        }
        else // labelled texts: positives of the anchor's class, negatives of another
        {
            result.Add(Pack(anchors));
            result.Add(Pack(rows.Select(r => _anchors[SameClass(r, rng)])));
            if (_method.HardNegatives) result.Add(Pack(rows.Select(r => _anchors[OtherClass(r, rng)])));
        }
        return result;
    }

    private int[] Augment(int[] words, Rng rng) => _augmentation?.Apply(words, rng) is { Length: > 0 } augmented ? augmented : words;

    private int SameClass(int row, Rng rng)
    {
        var members = _byClass![_data.Labels![row]];
        if (members.Length == 1) return row;
        var pick = rng.NextInt(members.Length - 1); // any member but the row itself (members are ascending)
        return members[pick >= Array.BinarySearch(members, row) ? pick + 1 : pick];
    }

    private int OtherClass(int row, Rng rng)
    {
        while (true)
        {
            var pick = rng.NextInt(_data.Count);
            if (_data.Labels![pick] != _data.Labels[row] || _byClass!.Length == 1) return pick;
        }
    }

    private Tensor Pack(IEnumerable<int[]> words) => TokenBatch.Pack([.. words], _tokenizer, _maxLength);

    private int PackedLength(int row)
    {
        var longest = _tokenizer.Pack(_anchors[row], _maxLength).Length;
        if (_positives is not null) longest = Math.Max(longest, _tokenizer.Pack(_positives[row], _maxLength).Length);
        if (_negatives is not null && _method.HardNegatives) longest = Math.Max(longest, _tokenizer.Pack(_negatives[row], _maxLength).Length);
        return longest;
    }

    private int[][] Tokenize(IReadOnlyList<string> texts) => [.. texts.Select(_tokenizer.Tokenize)];
}
