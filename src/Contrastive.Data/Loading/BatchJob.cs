namespace Contrastive.Data.Loading;

/// <summary>One unit of loader work: build batch <see cref="BatchIndex"/> of <see cref="Epoch"/> from <see cref="Indices"/>.</summary>
/// <param name="Sequence">Position in the loader's output order (0 for the first batch it yields).</param>
/// <param name="Epoch">Epoch.</param>
/// <param name="BatchIndex">Batch within the epoch.</param>
/// <param name="Indices">Sample indices chosen by the sampler.</param>
/// <param name="Progress">Training progress in [0, 1] at this batch (for curricula; 0 when the length is unknown).</param>
public sealed record BatchJob(long Sequence, int Epoch, int BatchIndex, int[] Indices, float Progress);
