namespace Contrastive.Miners;

/// <summary>One mined triplet: indices of an anchor, a positive (same label) and a negative (other label).</summary>
public readonly record struct Triplet(int Anchor, int Positive, int Negative);
