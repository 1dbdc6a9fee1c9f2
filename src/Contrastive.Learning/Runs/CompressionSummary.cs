namespace Contrastive.Runs;

/// <summary>What compression did.</summary>
/// <param name="BytesBefore">Size of the source model.safetensors.</param>
/// <param name="BytesAfter">Size of the compressed model.safetensors.</param>
/// <param name="CompressedWeights">Number of weight tensors pruned and/or quantised.</param>
/// <param name="WeightCount">Entries in those weights.</param>
/// <param name="ZeroWeights">Of those, how many are zero after compression.</param>
/// <param name="RecalibratedLayers">Batch-norm layers whose statistics were re-estimated.</param>
public sealed record CompressionSummary(long BytesBefore, long BytesAfter, int CompressedWeights, long WeightCount, long ZeroWeights, int RecalibratedLayers);
