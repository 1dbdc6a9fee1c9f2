using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

public class TopKTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(37)]
    [InlineData(99)]
    [InlineData(500)]
    public void Select_equals_a_stable_descending_sort(int k)
    {
        var rng = new Rng(11);
        var row = new float[100];
        for (var i = 0; i < row.Length; i++) row[i] = MathF.Round(rng.NextGaussian(), 1); // many ties, negatives and zeros
        row[7] = -0f;
        var expected = Enumerable.Range(0, 100).Where(i => i != 42).OrderByDescending(i => row[i]).ThenBy(i => i).Take(k).ToArray();
        var scratch = new ulong[100];
        var count = TopK.Select(row, k, 42, scratch);
        Assert.Equal(expected, scratch[..count].Select(TopK.Index));
        Assert.Equal(expected.Select(i => row[i]), scratch[..count].Select(TopK.Value));
    }

    [Fact]
    public void Keys_order_values_descending_and_round_trip()
    {
        float[] values = [float.MaxValue, 1.5f, 1e-30f, 0f, -1e-30f, -2f, float.MinValue];
        var keys = values.Select((v, i) => TopK.Key(v, i)).ToArray();
        Assert.Equal(keys.OrderBy(k => k), keys);
        Assert.Equal(values, keys.Select(TopK.Value));
    }

    [Fact]
    public void Blocks_of_any_size_give_the_same_similarities()
    {
        var rng = new Rng(3);
        EmbeddingMatrix q = Tensor.Randn(rng, 23, 6), m = Tensor.Randn(rng, 50, 6);
        var (qn, mn) = (q.NormalizedRows(), m.NormalizedRows());
        float[] Run(int blockFloats)
        {
            var sims = new float[23 * 50];
            SimilarityBlocks.ForEachRow(qn, 23, mn, 50, 6, (i, row, _) => row.CopyTo(sims.AsSpan(i * 50, 50)), blockFloats);
            return sims;
        }
        var whole = Run(SimilarityBlocks.MaxBlockFloats);
        Assert.Equal(whole, Run(100)); // 2 rows per block
        Assert.Equal(whole, Run(1));   // 1 row per block
        var dot = 0f;
        for (var j = 0; j < 6; j++) dot += qn[4 * 6 + j] * mn[9 * 6 + j];
        Assert.Equal(dot, whole[4 * 50 + 9], 5);
    }
}
