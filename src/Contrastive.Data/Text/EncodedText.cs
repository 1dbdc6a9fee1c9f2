namespace Contrastive.Data.Text;

/// <summary>
/// One text packed to a fixed length: token ids, the padding mask (true = padding, the key padding mask
/// convention of multi-head attention) and how many leading ids are real tokens.
/// </summary>
/// <param name="Ids">Token ids, exactly the requested length; padding is <see cref="WordTokenizer.PadId"/>.</param>
/// <param name="PaddingMask">Per position, true when it is padding and should be ignored.</param>
/// <param name="Length">Number of real (non-padding) tokens at the start of <paramref name="Ids"/>.</param>
public sealed record EncodedText(int[] Ids, bool[] PaddingMask, int Length)
{
    /// <summary>
    /// Packs content ids into exactly <paramref name="maxLength"/> ids: optionally <paramref name="clsId"/> first and
    /// <paramref name="sepId"/> after the content, content beyond the room truncated from the end, then padding (id 0)
    /// up to the length.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">maxLength leaves no room for a token (below 3 with special tokens, below 1 without), or an id is outside [0, <paramref name="vocabularySize"/>).</exception>
    public static EncodedText Pack(ReadOnlySpan<int> contentIds, int maxLength, int clsId, int sepId, int vocabularySize, bool addSpecialTokens = true)
    {
        var reserved = addSpecialTokens ? 2 : 0;
        if (maxLength < reserved + 1)
            throw new ArgumentOutOfRangeException(nameof(maxLength), $"maxLength {maxLength} leaves no room for a word (needs at least {reserved + 1})");
        var ids = new int[maxLength];
        var content = contentIds[..Math.Min(contentIds.Length, maxLength - reserved)];
        foreach (var id in content)
            if ((uint)id >= (uint)vocabularySize)
                throw new ArgumentOutOfRangeException(nameof(contentIds), $"token id {id} is outside the vocabulary [0, {vocabularySize})");
        var at = 0;
        if (addSpecialTokens) ids[at++] = clsId;
        content.CopyTo(ids.AsSpan(at));
        at += content.Length;
        if (addSpecialTokens) ids[at++] = sepId;
        var padding = new bool[maxLength];
        padding.AsSpan(at).Fill(true); // ids[at..] are already 0, the padding id
        return new EncodedText(ids, padding, at);
    }
}
