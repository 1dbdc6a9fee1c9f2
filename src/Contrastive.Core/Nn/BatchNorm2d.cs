namespace Contrastive.Nn;

/// <summary>Batch normalisation of (N, C, H, W) inputs (PyTorch <c>nn.BatchNorm2d</c>).</summary>
/// <param name="features">The number of channels C.</param>
/// <param name="momentum">The running-statistics momentum.</param>
/// <param name="eps">The variance epsilon.</param>
/// <param name="affine">Learn a scale and shift per channel (otherwise fixed at 1 and 0).</param>
public sealed class BatchNorm2d(int features, float momentum = 0.1f, float eps = 1e-5f, bool affine = true) : BatchNormBase(features, momentum, eps, affine)
{
    /// <inheritdoc />
    protected override bool AcceptsRank(int rank) => rank == 4;

    /// <inheritdoc />
    protected override string ExpectedShape => "(N, C, H, W)";
}
