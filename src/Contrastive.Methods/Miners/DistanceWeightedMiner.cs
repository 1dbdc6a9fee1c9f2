using Contrastive.Tensors;

namespace Contrastive.Miners;

/// <summary>
/// Distance-weighted sampling (Wu et al. 2017) for L2-normalised embeddings of dimension d: for every anchor-positive
/// pair, one negative drawn with probability proportional to 1 / q(dist), where q(x) ~ x^(d-2) (1 - x^2/4)^((d-3)/2) is
/// the density of distances between uniform points on the sphere; distances are clipped below at <see cref="Cutoff"/>
/// and negatives beyond <see cref="NonzeroLossCutoff"/> are never drawn.
/// </summary>
public sealed class DistanceWeightedMiner(int dimension, Rng rng, float cutoff = 0.5f, float nonzeroLossCutoff = 1.4f) : ITripletMiner
{
    /// <summary>The generator negatives are drawn from; a training checkpoint saves its state.</summary>
    public Rng Generator => rng;

    /// <summary>Distances below this are clipped (avoids the density's singularity near 0).</summary>
    public float Cutoff { get; } = cutoff;

    /// <summary>Negatives farther than this contribute no loss and are not sampled.</summary>
    public float NonzeroLossCutoff { get; } = nonzeroLossCutoff;

    /// <inheritdoc />
    public IReadOnlyList<Triplet> Mine(float[] distances, int[] labels, float margin)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var n = MinerChecks.Validate(distances, labels);
        var triplets = new List<Triplet>();
        var logWeights = new double[n];
        for (var a = 0; a < n; a++)
        {
            // log(1/q(x)) = -(d-2) log x - ((d-3)/2) log(1 - x^2/4), shifted by its max for a stable softmax.
            var max = double.NegativeInfinity;
            for (var j = 0; j < n; j++)
            {
                logWeights[j] = double.NegativeInfinity;
                if (labels[j] == labels[a] || distances[a * n + j] >= NonzeroLossCutoff) continue;
                var x = Math.Max(distances[a * n + j], Cutoff);
                logWeights[j] = -(dimension - 2) * Math.Log(x) - (dimension - 3) / 2.0 * Math.Log(Math.Max(1e-8, 1 - 0.25 * x * x));
                max = Math.Max(max, logWeights[j]);
            }
            if (double.IsNegativeInfinity(max)) continue;
            var total = 0.0;
            for (var j = 0; j < n; j++) total += Math.Exp(logWeights[j] - max);
            for (var p = 0; p < n; p++)
            {
                if (p == a || labels[p] != labels[a]) continue;
                var u = rng.NextDouble() * total;
                var chosen = -1;
                for (var j = 0; j < n && u >= 0; j++)
                {
                    if (double.IsNegativeInfinity(logWeights[j])) continue;
                    chosen = j;
                    u -= Math.Exp(logWeights[j] - max);
                }
                triplets.Add(new Triplet(a, p, chosen));
            }
        }
        return triplets;
    }
}
