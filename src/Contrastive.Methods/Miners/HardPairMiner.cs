namespace Contrastive.Miners;

/// <summary>
/// Pairs for the contrastive margin loss: every positive pair, and the negative pairs that are hard, i.e. closer than
/// the margin (the others contribute zero loss). With <c>hardOnly: false</c> every negative pair is kept.
/// </summary>
public sealed class HardPairMiner(bool hardOnly = true) : IPairMiner
{
    /// <inheritdoc />
    public IReadOnlyList<Pair> Mine(float[] distances, int[] labels, float margin)
    {
        var n = MinerChecks.Validate(distances, labels);
        var pairs = new List<Pair>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
            {
                var same = labels[i] == labels[j];
                if (same || !hardOnly || distances[i * n + j] < margin) pairs.Add(new Pair(i, j, same));
            }
        return pairs;
    }
}
