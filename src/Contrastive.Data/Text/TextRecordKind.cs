namespace Contrastive.Data.Text;

/// <summary>What the records of a <see cref="TextCorpus"/> hold.</summary>
public enum TextRecordKind
{
    /// <summary>Single texts, no labels (unsupervised).</summary>
    Texts,

    /// <summary>Single texts, each with a class label.</summary>
    LabeledTexts,

    /// <summary>(anchor, positive) pairs.</summary>
    Pairs,

    /// <summary>(anchor, positive, negative) triplets.</summary>
    Triplets,
}
