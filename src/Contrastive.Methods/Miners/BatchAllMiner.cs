namespace Contrastive.Miners;

/// <summary>
/// Batch-all mining (Hermans et al. 2017): every valid (anchor, positive, negative) triplet that still violates the
/// margin, d(a,p) - d(a,n) + margin &gt; 0, so the loss averages over the active triplets only.
/// </summary>
public sealed class BatchAllMiner : ITripletMiner
{
    /// <inheritdoc />
    public IReadOnlyList<Triplet> Mine(float[] distances, int[] labels, float margin)
    {
        var n = MinerChecks.Validate(distances, labels);
        var triplets = new List<Triplet>();
        for (var a = 0; a < n; a++)
            for (var p = 0; p < n; p++)
            {
                if (p == a || labels[p] != labels[a]) continue;
                var dap = distances[a * n + p];
                for (var neg = 0; neg < n; neg++)
                    if (labels[neg] != labels[a] && dap - distances[a * n + neg] + margin > 0f)
                        triplets.Add(new Triplet(a, p, neg));
            }
        return triplets;
    }
}
