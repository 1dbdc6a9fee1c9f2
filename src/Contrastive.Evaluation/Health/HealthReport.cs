namespace Contrastive.Evaluation.Health;

/// <summary>Representation-health figures of one set of embeddings (for example a fixed probe batch).</summary>
/// <param name="Count">Number of embeddings.</param>
/// <param name="Dim">Embedding dimension D.</param>
/// <param name="MeanDimStd">Mean of <see cref="RepresentationHealth.PerDimensionStd"/>.</param>
/// <param name="HealthyDimStd">1/sqrt(D), the per-dimension std of uniformly spread unit vectors.</param>
/// <param name="Uniformity">Wang &amp; Isola uniformity (t = 2).</param>
/// <param name="EffectiveRank">Roy &amp; Vetterli effective rank of the centred embeddings.</param>
/// <param name="Alignment">Wang &amp; Isola alignment (alpha = 2) with the second view, when one was given.</param>
/// <param name="MeanPositiveCosine">Mean cosine of positive pairs (views or same label), when known.</param>
/// <param name="MeanNegativeCosine">Mean cosine of negative pairs, when known.</param>
public sealed record HealthReport(int Count, int Dim, double MeanDimStd, double HealthyDimStd, double Uniformity, double EffectiveRank,
    double? Alignment, double? MeanPositiveCosine, double? MeanNegativeCosine)
{
    /// <summary>MeanDimStd relative to the healthy scale: about 1 for a well spread space, 0 when collapsed.</summary>
    public double StdRatio => MeanDimStd / HealthyDimStd;

    /// <summary>
    /// Computes every figure of <paramref name="embeddings"/>. With <paramref name="secondView"/> (row i a positive of
    /// row i) alignment and view-pair cosines are added; otherwise with <paramref name="labels"/> same-label cosines.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two rows, or a second view / labels that do not match.</exception>
    public static HealthReport Compute(EmbeddingMatrix embeddings, EmbeddingMatrix? secondView = null, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var std = RepresentationHealth.PerDimensionStd(embeddings);
        double? alignment = null, positive = null, negative = null;
        if (secondView is not null)
        {
            alignment = RepresentationHealth.Alignment(embeddings, secondView);
            (positive, negative) = RepresentationHealth.PairCosinesFromViews(embeddings, secondView);
        }
        else if (labels is not null)
        {
            (positive, negative) = RepresentationHealth.PairCosinesFromLabels(embeddings, labels);
        }
        return new HealthReport(embeddings.Count, embeddings.Dim, std.Average(), 1 / Math.Sqrt(embeddings.Dim),
            RepresentationHealth.Uniformity(embeddings), RepresentationHealth.EffectiveRank(embeddings), alignment, positive, negative);
    }
}
