namespace Contrastive.Tensors;

/// <summary>The result of <see cref="Ops.MaxWithIndices"/>: the maxima and where they were found.</summary>
/// <param name="Values">The maxima, shaped like the reduced input.</param>
/// <param name="Indices">For each element of <paramref name="Values"/> (row-major), its index along the reduced dimension.</param>
public sealed record MaxResult(Tensor Values, int[] Indices);
