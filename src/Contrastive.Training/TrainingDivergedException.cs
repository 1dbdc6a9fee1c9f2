namespace Contrastive.Training;

/// <summary>Training stopped because the loss or a parameter became NaN or infinite; no checkpoint was written for it.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
