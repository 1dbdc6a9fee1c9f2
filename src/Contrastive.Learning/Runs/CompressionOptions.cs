using Contrastive.Compression;

namespace Contrastive.Runs;

/// <summary>What <see cref="RunCompression.Compress"/> does to a run's weights.</summary>
public sealed record CompressionOptions
{
    /// <summary>The share of each weight's entries <see cref="MagnitudePruning"/> sets to zero, in [0, 1); 0 prunes nothing.</summary>
    public double PruneFraction { get; init; }

    /// <summary>Store weights as int8 (<see cref="Int8Quantization"/>); false keeps them F32.</summary>
    public bool Int8 { get; init; } = true;

    /// <summary>Batches of training data to re-estimate the batch-norm statistics on after pruning
    /// (<see cref="BatchNormRecalibration"/>); 0 keeps the trained statistics.</summary>
    public int RecalibrationBatches { get; init; }
}
