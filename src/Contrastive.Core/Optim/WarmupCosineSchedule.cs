namespace Contrastive.Optim;

/// <summary>
/// Linear warmup then cosine decay, evaluated per optimiser step s (0-based, the value used for update s):
/// lr(s) = base * (s + 1) / warmup for s &lt; warmup, then
/// final + (base - final) * (1 + cos(pi * (s - warmup) / (total - warmup))) / 2, and final from s = total on.
/// </summary>
public sealed class WarmupCosineSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">baseLr is not positive, finalLr is negative, or the step counts are inconsistent.</exception>
    public WarmupCosineSchedule(float baseLr, int warmupSteps, int totalSteps, float finalLr = 0f)
    {
        if (!(baseLr > 0f && float.IsFinite(baseLr))) throw new ArgumentOutOfRangeException(nameof(baseLr), $"base learning rate must be positive, got {baseLr}");
        if (!(finalLr >= 0f && float.IsFinite(finalLr))) throw new ArgumentOutOfRangeException(nameof(finalLr), $"final learning rate must be non-negative, got {finalLr}");
        if (totalSteps <= 0) throw new ArgumentOutOfRangeException(nameof(totalSteps), $"total steps must be positive, got {totalSteps}");
        if (warmupSteps < 0 || warmupSteps > totalSteps)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), $"warmup steps must be in [0, {totalSteps}], got {warmupSteps}");
        (BaseLr, WarmupSteps, TotalSteps, FinalLr) = (baseLr, warmupSteps, totalSteps, finalLr);
    }

    /// <summary>The peak learning rate, reached at the end of warmup.</summary>
    public float BaseLr { get; }

    /// <summary>The number of linear warmup steps.</summary>
    public int WarmupSteps { get; }

    /// <summary>The step at which the cosine reaches <see cref="FinalLr"/>.</summary>
    public int TotalSteps { get; }

    /// <summary>The learning rate at and after <see cref="TotalSteps"/>.</summary>
    public float FinalLr { get; }

    /// <summary>The learning rate for update <paramref name="step"/>.</summary>
    public float LearningRate(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps) return (float)((double)BaseLr * (step + 1) / WarmupSteps);
        if (step >= TotalSteps) return FinalLr;
        var progress = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        return (float)(FinalLr + (BaseLr - (double)FinalLr) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    /// <summary>Sets every scheduled group's learning rate for update <paramref name="step"/>, proportionally to its
    /// initial learning rate: group lr = initial * lr(step) / base. Groups not <see cref="ParameterGroup.Scheduled"/>
    /// keep theirs.</summary>
    public void Apply(Optimizer optimizer, long step)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var factor = (double)LearningRate(step) / BaseLr;
        foreach (var group in optimizer.Groups)
            if (group.Scheduled) group.Lr = (float)(group.InitialLr * factor);
    }
}
