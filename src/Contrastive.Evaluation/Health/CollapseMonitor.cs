namespace Contrastive.Evaluation.Health;

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
