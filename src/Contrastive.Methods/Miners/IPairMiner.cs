namespace Contrastive.Miners;

/// <summary>Chooses pairs for a pair loss (contrastive margin) from a labeled batch's distance matrix.</summary>
public interface IPairMiner
{
    /// <summary>The pairs to train on; may be empty when the batch has none.</summary>
    IReadOnlyList<Pair> Mine(float[] distances, int[] labels, float margin);
}
