namespace Contrastive.Data.Text;

/// <summary>
/// What the text encoders need of a tokenizer: a text as content ids, and ids packed as <c>[CLS] ids [SEP]</c> with
/// padding id 0. <see cref="WordTokenizer"/> (a vocabulary built from the training texts) and the WordPiece tokenizer
/// of a pre-trained BERT-style backbone both provide it.
/// </summary>
public interface ISentenceTokenizer
{
    /// <summary>Number of ids (the embedding table size).</summary>
    int VocabularySize { get; }

    /// <summary>The id text augmentations write over masked tokens ([UNK] or a dedicated [MASK]).</summary>
    int MaskId { get; }

    /// <summary>The content ids of <paramref name="text"/>: no special tokens, no padding.</summary>
    int[] Tokenize(string text);

    /// <summary>Packs content ids into exactly <paramref name="maxLength"/> ids (see <see cref="EncodedText.Pack"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">maxLength leaves no room for a token, or an id is outside the vocabulary.</exception>
    EncodedText Pack(ReadOnlySpan<int> ids, int maxLength, bool addSpecialTokens = true);
}
