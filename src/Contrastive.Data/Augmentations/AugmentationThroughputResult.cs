namespace Contrastive.Data.Augmentations;

/// <summary>Result of <see cref="AugmentationThroughput.Measure"/>.</summary>
/// <param name="ViewsPerSecond">Augmented views produced per second.</param>
/// <param name="Views">Views produced in the timed part.</param>
/// <param name="Elapsed">Duration of the timed part.</param>
/// <param name="Threads">Threads used.</param>
public readonly record struct AugmentationThroughputResult(double ViewsPerSecond, long Views, TimeSpan Elapsed, int Threads);
