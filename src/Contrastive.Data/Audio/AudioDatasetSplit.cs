namespace Contrastive.Data.Audio;

/// <summary>A train part and a held-out part.</summary>
public sealed record AudioDatasetSplit(AudioDataset Train, AudioDataset Test);
