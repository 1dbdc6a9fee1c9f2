namespace Contrastive.Evaluation.Health;

/// <summary>
/// Thresholds of <see cref="CollapseMonitor"/>. The std ratio r is the mean per-dimension std of the L2-normalised
/// embeddings times sqrt(D): about 1 for embeddings spread over the sphere, 0 for a constant. The per-dimension
/// variances sum to 1 - |mean|^2, so a small r means the embeddings sit near one point of the sphere, or in very
/// few of its dimensions (the effective rank tells which).
/// </summary>
public readonly record struct CollapseThresholds()
{
    /// <summary>Collapsed below this std ratio: below what healthy runs, CLIP's first epoch included, were seen to reach
    /// and above what a collapsing SimSiam fell to (BENCHMARKS.md, "Method recipes found on the demo split").</summary>
    public double CollapsedStdRatio { get; init; } = 0.2;

    /// <summary>Warning below this std ratio.</summary>
    public double WarningStdRatio { get; init; } = 0.4;

    /// <summary>Collapsed below this effective rank (all rows on one line or equal).</summary>
    public double CollapsedEffectiveRank { get; init; } = 1.5;

    /// <summary>Warning below this fraction of min(N, D) effective rank (dimensional collapse).</summary>
    public double WarningEffectiveRankFraction { get; init; } = 0.05;

    /// <summary>Warning when the std ratio falls below this fraction of the first check's.</summary>
    public double WarningDropFraction { get; init; } = 0.25;
}
