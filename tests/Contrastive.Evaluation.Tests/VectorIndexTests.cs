using Contrastive.Evaluation.Retrieval;
using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

public class VectorIndexTests
{
    [Fact]
    public void Search_returns_the_k_most_cosine_similar_rows_best_first()
    {
        var (gallery, _) = Synthetic.Clusters(seed: 3, perClass: 40, classes: 5, dim: 16, spread: 0.8f);
        var (queries, _) = Synthetic.Clusters(seed: 4, perClass: 2, classes: 5, dim: 16, spread: 0.8f);
        var index = new VectorIndex(gallery);
        var found = index.Search(queries, 7);
        Assert.Equal(10, found.Length);
        for (var q = 0; q < 10; q++)
        {
            // brute force: every cosine, sorted descending (stable, so ties keep the lower index first)
            var cosines = Enumerable.Range(0, 200).Select(i => Cosine(queries, q, gallery, i)).ToArray();
            var expected = Enumerable.Range(0, 200).OrderByDescending(i => cosines[i]).Take(7).ToArray();
            Assert.Equal(expected, found[q].Select(hit => hit.Index).ToArray());
            foreach (var hit in found[q]) Assert.Equal(cosines[hit.Index], hit.Similarity, 1e-5); // within 1e-5, not "equal once rounded to 5 places", which two values 6e-8 apart across a rounding boundary fail
        }
    }

    [Fact]
    public void A_gallery_row_finds_itself_first_and_k_beyond_the_gallery_returns_every_row()
    {
        var gallery = Tensor.FromArray([3, 0, 0, 2, 1, 1, -1, 0], 4, 2);
        var found = new VectorIndex(gallery).Search(Tensor.FromArray([0, 5], 1, 2), 10);
        Assert.Equal([1, 2, 0, 3], found[0].Select(hit => hit.Index));
        Assert.Equal(1f, found[0][0].Similarity, 6);
        Assert.Equal(MathF.Sqrt(0.5f), found[0][1].Similarity, 6);
        Assert.Equal(0f, found[0][2].Similarity, 6); // rows 0 and 3 tie at 0: the lower index first
    }

    [Fact]
    public void Bad_queries_are_rejected_with_the_reason()
    {
        var index = new VectorIndex(Tensor.FromArray([1, 0, 0, 1], 2, 2));
        Assert.Contains("dimension 3", Assert.Throws<ArgumentException>(() => index.Search(Tensor.FromArray([1, 2, 3], 1, 3), 1)).Message);
        Assert.Contains("k must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(Tensor.FromArray([1, 2], 1, 2), 0)).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => index.Search(Tensor.FromArray([float.NaN, 2], 1, 2), 1)).Message);
    }

    private static float Cosine(Tensor a, int i, Tensor b, int j)
    {
        var d = a.Size(1);
        var x = a.Span.Slice(i * d, d);
        var y = b.Span.Slice(j * d, d);
        double dot = 0, xx = 0, yy = 0;
        for (var k = 0; k < d; k++) (dot, xx, yy) = (dot + x[k] * y[k], xx + x[k] * x[k], yy + y[k] * y[k]);
        return (float)(dot / Math.Sqrt(xx * yy));
    }
}
