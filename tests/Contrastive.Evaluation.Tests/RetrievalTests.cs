using Contrastive.Evaluation.Retrieval;
using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

public class RetrievalTests
{
    [Fact]
    public void Retrieval_figures_match_the_reference()
    {
        var c = EvalVectors.Shared("retrieval");
        var r = RetrievalEvaluator.Evaluate(c.Get("embeddings"), c.Ints("labels"), [1, 2, 5, 10]);
        EvalVectors.Close(c.Scalar("precision_at_1"), r.PrecisionAt1, "precision@1");
        EvalVectors.Close(c.Scalar("recall_at_1"), r.RecallAtK[0].Value, "recall@1");
        EvalVectors.Close(c.Scalar("recall_at_2"), r.RecallAtK[1].Value, "recall@2");
        EvalVectors.Close(c.Scalar("recall_at_5"), r.RecallAtK[2].Value, "recall@5");
        EvalVectors.Close(c.Scalar("map_at_r"), r.MapAtR, "MAP@R");
        var local = EvalVectors.Local("retrieval_mrr");
        EvalVectors.Close(local.Scalar("recall_at_10"), r.RecallAtK[3].Value, "recall@10");
        EvalVectors.Close(local.Scalar("mrr"), r.Mrr, "MRR");
        Assert.Equal(20, r.Queries);
    }

    [Fact]
    public void Mrr_finds_relevant_items_beyond_the_selected_prefix()
    {
        // query 0 (label 0) has its only partner last: rank 3 of 3
        var x = Tensor.FromArray([1, 0, 0.9f, 0.1f, 0.8f, 0.2f, -1, 0], 4, 2);
        var r = RetrievalEvaluator.Evaluate(x, [0, 1, 1, 0], [1]);
        // cosines: (0,1) .994, (0,2) .970, (1,2) .991, row 3 opposite row 0.
        // query 0 ranks 1,2,3 -> partner 3 at rank 3; query 3 ranks 2,1,0 -> rank 3;
        // query 1 ranks 0,2 -> partner 2 at rank 2; query 2 ranks 1 first -> rank 1
        Assert.Equal((1.0 / 3 + 1.0 / 2 + 1 + 1.0 / 3) / 4, r.Mrr, 12);
        Assert.Equal(0.25, r.PrecisionAt1, 12);
        Assert.Equal(0.25, r.MapAtR, 12); // R = 1 for all: only query 2 hits
    }

    [Fact]
    public void Singleton_classes_are_skipped_in_map_at_r_and_count_as_misses_in_recall()
    {
        var x = Tensor.FromArray([1, 0, 0.9f, 0.1f, 0, 1], 3, 2);
        var r = RetrievalEvaluator.Evaluate(x, [0, 0, 5], [1, 2]);
        Assert.Equal(2, r.QueriesWithRelevant);
        Assert.Equal(1.0, r.MapAtR, 12);
        Assert.Equal(2.0 / 3, r.RecallAtK[1].Value, 12);
    }

    [Fact]
    public void Nearest_neighbours_exclude_the_query()
    {
        var x = Tensor.FromArray([1, 0, 0.9f, 0.1f, 0, 1, 0.5f, 0.5f], 4, 2);
        var nn = NearestNeighbors.Find(x, [0, 2], 2);
        Assert.Equal([1, 3], nn[0]);
        Assert.Equal([3, 1], nn[1]);
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate(Tensor.Ones(1, 3), [0])).Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate(Tensor.Ones(2, 3), [0, 0], [0])).Message);
        Assert.Contains("outside", Assert.Throws<ArgumentException>(() => NearestNeighbors.Find(Tensor.Ones(2, 3), [2], 1)).Message);
        Assert.Contains("dimension", Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate(Tensor.Ones(2, 3), [0, 0], Tensor.Ones(2, 4), [0, 0])).Message);
    }

    [Fact]
    public void Queries_against_a_gallery_match_a_brute_force_ranking()
    {
        var rng = new Rng(21);
        var (queries, gallery) = (Tensor.Randn(rng, 30, 6), Tensor.Randn(rng, 45, 6));
        var queryLabels = Enumerable.Range(0, 30).Select(i => i % 7).ToArray();
        var galleryLabels = Enumerable.Range(0, 45).Select(i => i % 9).ToArray(); // labels 7 and 8 are never asked for
        var r = RetrievalEvaluator.Evaluate(queries, queryLabels, gallery, galleryLabels, [1, 3]);

        var (q, g) = (queries.ToArray(), gallery.ToArray());
        var ranks = new List<int>();
        var apAtR = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var order = Enumerable.Range(0, 45).OrderByDescending(j => Cosine(q.AsSpan(i * 6, 6), g.AsSpan(j * 6, 6))).ThenBy(j => j).ToArray();
            var relevant = order.Select(j => galleryLabels[j] == queryLabels[i]).ToArray();
            var rCount = relevant.Count(x => x);
            ranks.Add(Array.IndexOf(relevant, true));
            var hits = 0;
            apAtR.Add(Enumerable.Range(0, rCount).Sum(j => relevant[j] ? (double)++hits / (j + 1) : 0) / rCount);
        }
        Assert.Equal(ranks.Count(k => k == 0) / 30.0, r.PrecisionAt1, 12);
        Assert.Equal(ranks.Count(k => k < 3) / 30.0, r.RecallAtK[1].Value, 12);
        Assert.Equal(apAtR.Average(), r.MapAtR, 12);
        Assert.Equal(ranks.Average(k => 1.0 / (k + 1)), r.Mrr, 12);
    }

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
}
