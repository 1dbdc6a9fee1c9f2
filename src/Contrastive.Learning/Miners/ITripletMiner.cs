namespace Contrastive.Miners;

/// <summary>One mined triplet: indices of an anchor, a positive (same label) and a negative (other label).</summary>
public readonly record struct Triplet(int Anchor, int Positive, int Negative);

/// <summary>One mined pair with whether its two samples share a label.</summary>
public readonly record struct Pair(int First, int Second, bool Same);

/// <summary>
/// Chooses triplets from a labeled batch given its (N, N) distance matrix. Miners are separate from losses
/// (as in pytorch-metric-learning), so any triplet loss can use any miner.
/// </summary>
public interface ITripletMiner
{
    /// <summary>The triplets to train on; may be empty when the batch has none.</summary>
    IReadOnlyList<Triplet> Mine(float[] distances, int[] labels, float margin);
}

/// <summary>Chooses pairs for a pair loss (contrastive margin) from a labeled batch's distance matrix.</summary>
public interface IPairMiner
{
    /// <summary>The pairs to train on; may be empty when the batch has none.</summary>
    IReadOnlyList<Pair> Mine(float[] distances, int[] labels, float margin);
}
