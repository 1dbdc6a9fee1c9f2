namespace Contrastive.Training;

/// <summary>One optimiser step, for progress display.</summary>
public readonly record struct StepReport(int Epoch, int StepInEpoch, int StepsPerEpoch, long GlobalStep, long TotalSteps, double Loss, double Lr, double ViewsPerSecond);
