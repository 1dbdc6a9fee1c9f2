namespace Contrastive.Miners;

/// <summary>
/// Chooses triplets from a labeled batch given its (N, N) distance matrix. Miners are separate from losses
/// (as in pytorch-metric-learning), so any triplet loss can use any miner.
/// </summary>
public interface ITripletMiner
{
    /// <summary>The triplets to train on; may be empty when the batch has none.</summary>
    IReadOnlyList<Triplet> Mine(float[] distances, int[] labels, float margin);
}
