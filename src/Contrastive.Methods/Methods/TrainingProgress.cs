namespace Contrastive.Methods;

/// <summary>Where training stands, for per-step hooks (momentum schedules, curricula).</summary>
public readonly record struct TrainingProgress(long Step, long TotalSteps)
{
    /// <summary>Fraction of training done after this step, in [0, 1].</summary>
    public double Fraction => TotalSteps <= 0 ? 1 : Math.Clamp((double)(Step + 1) / TotalSteps, 0, 1);
}
