using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>A training batch: one tensor per view (each (B, ...)), labels when the data has them, sample indices and
/// the global step it is trained at (methods derive per-step randomness from it, so resumed runs repeat it).</summary>
public sealed record TrainingBatch(IReadOnlyList<Tensor> Views, int[]? Labels, int[] Indices, long Step);
