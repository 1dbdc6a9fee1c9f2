namespace Contrastive.Data;

/// <summary>N texts with optional integer class labels in [0, ClassCount), e.g. for a text encoder.</summary>
public sealed class TextDataset
{
    /// <summary>Creates a dataset, validating that labels match the texts and lie in range.</summary>
    /// <exception cref="ArgumentException">Counts disagree or a label is out of range; the message names <paramref name="source"/>.</exception>
    public TextDataset(IReadOnlyList<string> texts, int[]? labels, IReadOnlyList<string>? classNames, string source)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (labels is not null)
        {
            if (labels.Length != texts.Count) throw new ArgumentException($"{source}: {labels.Length} labels for {texts.Count} texts");
            var classes = classNames?.Count ?? (labels.Length == 0 ? 0 : labels.Max() + 1);
            for (var i = 0; i < labels.Length; i++)
                if (labels[i] < 0 || labels[i] >= classes)
                    throw new ArgumentException($"{source}: label {labels[i]} of text {i} is outside [0, {classes})");
            ClassCount = classes;
        }
        Texts = texts;
        Labels = labels;
        ClassNames = classNames;
        Source = source;
    }

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The texts.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Number of texts.</summary>
    public int Count => Texts.Count;

    /// <summary>Class labels, or null for unlabeled data.</summary>
    public int[]? Labels { get; }

    /// <summary>Number of classes (0 when unlabeled).</summary>
    public int ClassCount { get; }

    /// <summary>Class names, when known.</summary>
    public IReadOnlyList<string>? ClassNames { get; }
}
