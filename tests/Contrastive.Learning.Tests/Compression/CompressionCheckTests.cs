using Contrastive.Compression;
using Contrastive.Learning.Tests.Training;
using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Compression;

/// <summary>The before/after comparison that <c>compress</c> prints.</summary>
public sealed class CompressionCheckTests
{
    private static readonly EvaluationData s_data = EvaluationData.Of(TinyData.Create());

    [Fact]
    public void An_unchanged_encoder_compares_equal()
    {
        var encoder = new BenchEncoder(new Rng(1));
        var result = CompressionCheck.Compare(s_data, encoder, encoder, k: 5);
        Assert.Equal(1, result.MeanCosine, 5);
        Assert.Equal(1, result.MinCosine, 5);
        Assert.NotNull(result.KnnBefore);
        Assert.Equal(result.KnnBefore, result.KnnAfter);
        Assert.Equal(5, result.K);
    }

    [Fact]
    public void A_different_encoder_is_seen_and_k_is_capped_at_the_memory_size()
    {
        var result = CompressionCheck.Compare(s_data, new BenchEncoder(new Rng(1)), new BenchEncoder(new Rng(2)), k: 1000);
        Assert.True(result.MeanCosine < 0.99, $"mean cosine {result.MeanCosine}");
        Assert.True(result.MinCosine <= result.MeanCosine);
        Assert.Equal(s_data.TrainCount, result.K);
    }
}
