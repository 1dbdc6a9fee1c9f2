using Contrastive.Losses;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Text;

/// <summary>The ranking loss against a direct double-precision evaluation of its formula, its gradients against finite
/// differences, and the same-group mask.</summary>
public class MultipleNegativesRankingLossTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Matches_the_formula(bool withNegatives, bool withGroups)
    {
        var a = GradCheck.RandomInput(1, -1, 1, 3, 4);
        var p = GradCheck.RandomInput(2, -1, 1, 3, 4);
        var n = withNegatives ? GradCheck.RandomInput(3, -1, 1, 3, 4) : null;
        int[]? groups = withGroups ? [0, 1, 0] : null;
        var loss = MultipleNegativesRankingLoss.Compute(a, p, n, 20f, groups).Item();
        TensorAssert.Close(Expected(Rows(a), Rows(p), n is null ? null : Rows(n), 20, groups), loss, "loss");
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var a = GradCheck.RandomInput(4, -1, 1, 3, 4);
        var p = GradCheck.RandomInput(5, -1, 1, 3, 4);
        var n = GradCheck.RandomInput(6, -1, 1, 3, 4);
        GradCheck.Check(t => MultipleNegativesRankingLoss.Compute(t[0], t[1], t[2], 2f, [0, 1, 1]), [a, p, n]);
    }

    [Fact]
    public void Rejects_mismatched_inputs()
    {
        var a = Tensor.Zeros(2, 3);
        Assert.Throws<ArgumentException>(() => MultipleNegativesRankingLoss.Compute(a, Tensor.Zeros(3, 3), null, 20f));
        Assert.Throws<ArgumentException>(() => MultipleNegativesRankingLoss.Compute(a, a, null, 0f));
        Assert.Contains("3 groups for a batch of 2", Assert.Throws<ArgumentException>(() => MultipleNegativesRankingLoss.Compute(a, a, null, 1f, [0, 1, 2])).Message);
    }

    private static double[][] Rows(Tensor x)
    {
        var d = x.Size(1);
        return [.. Enumerable.Range(0, x.Size(0)).Select(r => Normalize(x.ToArray().Skip(r * d).Take(d).Select(v => (double)v).ToArray()))];
    }

    private static double[] Normalize(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    private static double Dot(double[] u, double[] v) => u.Zip(v).Sum(t => t.First * t.Second);

    private static double Expected(double[][] a, double[][] p, double[][]? n, double scale, int[]? groups)
    {
        var b = a.Length;
        bool Masked(int i, int j) => groups is not null && j < b && i != j && groups[i] == groups[j];
        double Ce(double[][] queries, double[][] candidates)
        {
            var total = 0.0;
            for (var i = 0; i < b; i++)
            {
                var logits = candidates.Select((c, j) => Masked(i, j) ? -1e4 : scale * Dot(queries[i], c)).ToArray();
                var max = logits.Max();
                total += max + Math.Log(logits.Sum(l => Math.Exp(l - max))) - logits[i];
            }
            return total / b;
        }
        return (Ce(a, n is null ? p : [.. p, .. n]) + Ce(p, a)) / 2;
    }
}
