namespace Contrastive.Miners;

/// <summary>One mined pair with whether its two samples share a label.</summary>
public readonly record struct Pair(int First, int Second, bool Same);
