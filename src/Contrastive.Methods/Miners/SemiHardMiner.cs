namespace Contrastive.Miners;

/// <summary>
/// Semi-hard mining (Schroff et al. 2015, FaceNet): for every anchor-positive pair, the nearest negative that is
/// still farther than the positive but inside the margin, d(a,p) &lt; d(a,n) &lt; d(a,p) + margin (ties: the lowest
/// index). Pairs with no such negative are skipped. FaceNet chose it over the hardest negatives because those
/// collapse a model trained from scratch, which batch-hard mining does on Fashion-MNIST too.
/// </summary>
public sealed class SemiHardMiner : ITripletMiner
{
    /// <inheritdoc />
    public IReadOnlyList<Triplet> Mine(float[] distances, int[] labels, float margin)
    {
        var n = MinerChecks.Validate(distances, labels);
        var triplets = new List<Triplet>();
        var negatives = new int[n];
        var negativeDistances = new float[n];
        for (var a = 0; a < n; a++)
        {
            // the anchor's negatives sorted by (distance, index): the first one beyond d(a,p) is the semi-hard choice
            var count = 0;
            for (var j = 0; j < n; j++)
                if (labels[j] != labels[a]) negatives[count++] = j;
            var row = a * n;
            Array.Sort(negatives, 0, count, Comparer<int>.Create((x, y) => distances[row + x] != distances[row + y]
                ? distances[row + x].CompareTo(distances[row + y]) : x.CompareTo(y)));
            for (var k = 0; k < count; k++) negativeDistances[k] = distances[row + negatives[k]];
            for (var p = 0; p < n; p++)
            {
                if (p == a || labels[p] != labels[a]) continue;
                var dap = distances[row + p];
                var first = FirstGreater(negativeDistances, count, dap);
                if (first < count && negativeDistances[first] < dap + margin) triplets.Add(new Triplet(a, p, negatives[first]));
            }
        }
        return triplets;
    }

    /// <summary>The first k in [0, count) with sorted[k] &gt; value, or count.</summary>
    private static int FirstGreater(float[] sorted, int count, float value)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] > value) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
