using Contrastive.Losses;
using Contrastive.Miners;
using Contrastive.Tensors;

namespace Contrastive.Learning.Tests.Losses;

public class MinerTests
{
    // Points on a line: 0 and 1 are class A, 2 and 10 are class B.
    private static readonly Tensor s_points = Tensor.FromArray([0f, 1f, 2f, 10f], 4, 1);
    private static readonly int[] s_labels = [0, 0, 1, 1];

    [Fact]
    public void Batch_hard_takes_the_farthest_positive_and_nearest_negative()
    {
        var triplets = new BatchHardMiner().Mine(Distances.Matrix(s_points), s_labels, 1f);
        Assert.Contains(new Triplet(0, 1, 2), triplets);
        Assert.Contains(new Triplet(2, 3, 1), triplets);
        Assert.Equal(4, triplets.Count);
    }

    [Fact]
    public void Batch_all_keeps_only_margin_violations()
    {
        var triplets = new BatchAllMiner().Mine(Distances.Matrix(s_points), s_labels, 1.5f);
        // Anchor 0: d(0,1)=1, negatives at 2 and 10: only (0,1,2) violates d(a,p) - d(a,n) + 1.5 > 0.
        Assert.Contains(new Triplet(0, 1, 2), triplets);
        Assert.DoesNotContain(new Triplet(0, 1, 3), triplets);
        Assert.All(triplets, t => Assert.NotEqual(s_labels[t.Anchor], s_labels[t.Negative]));
    }

    [Fact]
    public void Semi_hard_negatives_lie_between_the_positive_and_the_margin()
    {
        var d = Distances.Matrix(s_points);
        var triplets = new SemiHardMiner().Mine(d, s_labels, 1.5f);
        Assert.NotEmpty(triplets);
        foreach (var t in triplets)
        {
            var dap = d[t.Anchor * 4 + t.Positive];
            var dan = d[t.Anchor * 4 + t.Negative];
            Assert.True(dan > dap && dan < dap + 1.5f);
        }
    }

    [Fact]
    public void Semi_hard_picks_the_nearest_negative_inside_the_margin_ties_to_the_lowest_index()
    {
        // distances rounded to 0.1 so that ties occur; compared with the definition's brute-force scan
        var rng = new Rng(21);
        const int n = 30;
        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var d = new float[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < i; j++)
                d[i * n + j] = d[j * n + i] = MathF.Round(2 * rng.NextFloat(), 1);
        var expected = new List<Triplet>();
        for (var a = 0; a < n; a++)
            for (var p = 0; p < n; p++)
            {
                if (p == a || labels[p] != labels[a]) continue;
                var chosen = -1;
                for (var neg = 0; neg < n; neg++)
                {
                    if (labels[neg] == labels[a]) continue;
                    var (dap, dan) = (d[a * n + p], d[a * n + neg]);
                    if (dan > dap && dan < dap + 0.3f && (chosen < 0 || dan < d[a * n + chosen])) chosen = neg;
                }
                if (chosen >= 0) expected.Add(new Triplet(a, p, chosen));
            }
        Assert.NotEmpty(expected);
        Assert.Equal(expected, new SemiHardMiner().Mine(d, labels, 0.3f));
    }

    [Fact]
    public void Distance_weighted_sampling_is_seeded_and_valid()
    {
        var e = Ops.L2Normalize(Tensor.Randn(new Rng(3), 12, 8), 1);
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        var first = new DistanceWeightedMiner(8, new Rng(9)).Mine(Distances.Matrix(e), labels, 0.2f);
        var second = new DistanceWeightedMiner(8, new Rng(9)).Mine(Distances.Matrix(e), labels, 0.2f);
        Assert.Equal(first, second);
        Assert.All(first, t => Assert.NotEqual(labels[t.Anchor], labels[t.Negative]));
        Assert.All(first, t => Assert.Equal(labels[t.Anchor], labels[t.Positive]));
    }

    [Fact]
    public void Hard_pair_miner_drops_easy_negatives()
    {
        var pairs = new HardPairMiner().Mine(Distances.Matrix(s_points), s_labels, 1.5f);
        Assert.Contains(new Pair(0, 1, true), pairs);
        Assert.Contains(new Pair(1, 2, false), pairs);
        Assert.DoesNotContain(new Pair(0, 3, false), pairs);
    }

    [Fact]
    public void Miners_reject_a_distance_matrix_of_the_wrong_size()
    {
        Assert.Throws<ArgumentException>(() => new BatchHardMiner().Mine(new float[9], s_labels, 1f));
    }
}
