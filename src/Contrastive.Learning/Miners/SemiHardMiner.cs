namespace Contrastive.Miners;

/// <summary>
/// Semi-hard mining (Schroff et al. 2015, FaceNet): for every anchor-positive pair, the nearest negative that is
/// still farther than the positive but inside the margin, d(a,p) &lt; d(a,n) &lt; d(a,p) + margin. Pairs with no such
/// negative are skipped.
/// </summary>
public sealed class SemiHardMiner : ITripletMiner
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
                var chosen = -1;
                for (var neg = 0; neg < n; neg++)
                {
                    if (labels[neg] == labels[a]) continue;
                    var dan = distances[a * n + neg];
                    if (dan > dap && dan < dap + margin && (chosen < 0 || dan < distances[a * n + chosen])) chosen = neg;
                }
                if (chosen >= 0) triplets.Add(new Triplet(a, p, chosen));
            }
        return triplets;
    }
}
