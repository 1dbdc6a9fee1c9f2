namespace Contrastive.Data.Text;

/// <summary>
/// One text packed to a fixed length: token ids, the padding mask (true = padding, the key padding mask
/// convention of multi-head attention) and how many leading ids are real tokens.
/// </summary>
/// <param name="Ids">Token ids, exactly the requested length; padding is <see cref="WordTokenizer.PadId"/>.</param>
/// <param name="PaddingMask">Per position, true when it is padding and should be ignored.</param>
/// <param name="Length">Number of real (non-padding) tokens at the start of <paramref name="Ids"/>.</param>
public sealed record EncodedText(int[] Ids, bool[] PaddingMask, int Length);
