namespace Contrastive.Data.Views;

/// <summary>Labelled pairs (Left[i], Right[i]); <c>Same[i]</c> is true for a positive (same-class) pair.</summary>
/// <param name="Left">First element of each pair.</param>
/// <param name="Right">Second element of each pair.</param>
/// <param name="Same">True where both have the same class.</param>
public sealed record PairBatch(int[] Left, int[] Right, bool[] Same);
