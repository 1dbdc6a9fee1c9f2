namespace Contrastive.Data.Views;

/// <summary>Anchor, positive (same class) and negative (other class) sample indices.</summary>
/// <param name="Anchor">Anchors.</param>
/// <param name="Positive">Same-class partners (the anchor itself when its class has one sample).</param>
/// <param name="Negative">Other-class partners.</param>
public sealed record TripletBatch(int[] Anchor, int[] Positive, int[] Negative);
