namespace Contrastive.Methods;

/// <summary>Where training stands, for per-step hooks (momentum schedules, curricula).</summary>
public readonly record struct TrainingProgress(long Step, long TotalSteps);
