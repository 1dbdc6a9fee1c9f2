namespace Contrastive.Nn;

/// <summary>Batch normalisation of (N, C) or (N, C, L) inputs (PyTorch <c>nn.BatchNorm1d</c>).</summary>
/// <param name="features">The number of channels C.</param>
/// <param name="momentum">The running-statistics momentum.</param>
/// <param name="eps">The variance epsilon.</param>
/// <param name="affine">Learn a scale and shift per channel (otherwise fixed at 1 and 0).</param>
public sealed class BatchNorm1d(int features, float momentum = 0.1f, float eps = 1e-5f, bool affine = true) : BatchNormBase(features, momentum, eps, affine)
{
    /// <inheritdoc />
    protected override bool AcceptsRank(int rank) => rank is 2 or 3;

    /// <inheritdoc />
    protected override string ExpectedShape => "(N, C) or (N, C, L)";
}
