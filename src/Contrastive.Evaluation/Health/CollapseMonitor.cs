namespace Contrastive.Evaluation.Health;

/// <summary>The verdict of a collapse check.</summary>
public enum CollapseStatus
{
    /// <summary>The embeddings are spread out.</summary>
    Ok,

    /// <summary>The embeddings are narrowing; training may be heading for collapse.</summary>
    Warning,

    /// <summary>The embeddings have collapsed (nearly constant or onto a line).</summary>
    Collapsed,
}

/// <summary>
/// Thresholds of <see cref="CollapseMonitor"/>. The std ratio r is the mean per-dimension std of the L2-normalised
/// embeddings times sqrt(D): about 1 for embeddings spread over the sphere, 0 for a constant. The per-dimension
/// variances sum to 1 - |mean|^2, so a small r means the embeddings sit near one point of the sphere, or in very
/// few of its dimensions (the effective rank tells which).
/// </summary>
public readonly record struct CollapseThresholds()
{
    /// <summary>Collapsed below this std ratio. On the demo split a SimSiam without its stop-gradient (and without the
    /// output batch norm its projector has since gained) fell to 0.22, 0.16 and 0.15 in its first three epochs;
    /// healthy SimCLR, MoCo and BYOL runs stay between 0.6 and 1, and a CLIP run passes 0.24 in its first epoch on the
    /// way up (a warning, not a collapse).</summary>
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

/// <summary>One collapse check, as recorded in metrics.jsonl.</summary>
/// <param name="Epoch">The epoch checked.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Message">Why, in one sentence.</param>
/// <param name="Health">The figures the verdict rests on.</param>
public sealed record CollapseCheck(int Epoch, CollapseStatus Status, string Message, HealthReport Health);

/// <summary>
/// Watches representation health across epochs: the trainer calls <see cref="Check"/> once per epoch with the
/// embeddings of a fixed probe batch (and optionally its second view) and logs the result.
/// </summary>
public sealed class CollapseMonitor(CollapseThresholds? thresholds = null)
{
    private readonly CollapseThresholds _t = thresholds ?? new CollapseThresholds();
    private readonly List<CollapseCheck> _history = [];
    private double? _firstStdRatio;

    /// <summary>Every check so far, oldest first.</summary>
    public IReadOnlyList<CollapseCheck> History => _history;

    /// <summary>Continues watching a resumed run: later drops are measured against <paramref name="firstStdRatio"/>, the
    /// std ratio of the run's first check, which this monitor did not see.</summary>
    public void Resume(double firstStdRatio) => _firstStdRatio = firstStdRatio;

    /// <summary>Computes the health of <paramref name="probe"/> and classifies it.</summary>
    /// <exception cref="ArgumentException">Fewer than two rows, non-finite values, or a mismatched second view.</exception>
    public CollapseCheck Check(int epoch, EmbeddingMatrix probe, EmbeddingMatrix? secondView = null)
    {
        var h = HealthReport.Compute(probe, secondView);
        var ratio = h.StdRatio;
        var rankFloor = _t.WarningEffectiveRankFraction * Math.Min(h.Count, h.Dim);
        var first = _firstStdRatio ??= ratio;
        var (status, message) =
            ratio < _t.CollapsedStdRatio ? (CollapseStatus.Collapsed, $"per-dimension std is {ratio:0.###} of the healthy 1/sqrt({h.Dim}): embeddings are nearly constant{NegativeCosine(h)}")
            : h.EffectiveRank < _t.CollapsedEffectiveRank ? (CollapseStatus.Collapsed, $"effective rank is {h.EffectiveRank:0.##}: embeddings lie on a line")
            : ratio < _t.WarningStdRatio ? (CollapseStatus.Warning, $"per-dimension std is only {ratio:0.###} of the healthy 1/sqrt({h.Dim})")
            : h.EffectiveRank < rankFloor ? (CollapseStatus.Warning, $"effective rank {h.EffectiveRank:0.##} is below {rankFloor:0.##}: dimensional collapse")
            : ratio < _t.WarningDropFraction * first ? (CollapseStatus.Warning, $"per-dimension std fell to {ratio / first:0.###} of its first value")
            : (CollapseStatus.Ok, $"std ratio {ratio:0.###}, effective rank {h.EffectiveRank:0.##} of {h.Dim}");
        var check = new CollapseCheck(epoch, status, message, h);
        _history.Add(check);
        return check;
    }

    private static string NegativeCosine(HealthReport h) =>
        h.MeanNegativeCosine is { } cosine ? $" (different samples at mean cosine {cosine:0.###})" : "";
}
