namespace Contrastive.Miners;

/// <summary>
/// Batch-hard mining (Hermans et al. 2017): for every anchor, its farthest positive and its nearest negative.
/// Anchors without a positive or without a negative are skipped.
/// </summary>
public sealed class BatchHardMiner : ITripletMiner
{
    /// <inheritdoc />
    public IReadOnlyList<Triplet> Mine(float[] distances, int[] labels, float margin)
    {
        var n = MinerChecks.Validate(distances, labels);
        var triplets = new List<Triplet>(n);
        for (var a = 0; a < n; a++)
        {
            int hardestPositive = -1, hardestNegative = -1;
            for (var j = 0; j < n; j++)
            {
                if (j == a) continue;
                var d = distances[a * n + j];
                if (labels[j] == labels[a])
                {
                    if (hardestPositive < 0 || d > distances[a * n + hardestPositive]) hardestPositive = j;
                }
                else if (hardestNegative < 0 || d < distances[a * n + hardestNegative]) hardestNegative = j;
            }
            if (hardestPositive >= 0 && hardestNegative >= 0) triplets.Add(new Triplet(a, hardestPositive, hardestNegative));
        }
        return triplets;
    }
}
