using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Compression;

/// <summary>
/// Re-estimates the running statistics of every batch norm of an encoder from data ("precise BN", Wu and Johnson 2021):
/// in training mode and without gradients the encoder sees the batches, and each layer's running mean and variance
/// become the average of the batches' means and (unbiased) variances. Pruning changes what reaches each batch norm, so
/// the statistics it was trained with no longer describe its input; re-estimating them wins back part of the accuracy
/// pruning costs (BENCHMARKS.md, "Compression: int8 weights and pruning").
/// </summary>
public static class BatchNormRecalibration
{
    /// <summary>The batch size of <see cref="Batches"/>: the bench spec's training batch, as batch statistics depend on it.</summary>
    public const int BatchSize = 256;

    /// <summary>Recalibrates every batch norm of <paramref name="encoder"/> on <paramref name="batches"/> and leaves it in
    /// eval mode; other state is untouched.</summary>
    /// <returns>The number of batch-norm layers recalibrated (0 when the encoder has none: nothing is run).</returns>
    /// <exception cref="ArgumentException">The encoder has batch norms and <paramref name="batches"/> is empty.</exception>
    public static int Run(Module encoder, IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(batches);
        var layers = encoder.Modules().OfType<BatchNormBase>().ToList();
        if (layers.Count == 0) return 0;
        var momenta = layers.Select(l => l.Momentum).ToList();
        var means = layers.Select(l => new double[l.Features]).ToList();
        var variances = layers.Select(l => new double[l.Features]).ToList();
        var count = 0;
        try
        {
            foreach (var layer in layers) layer.Momentum = 1; // each forward leaves that batch's statistics in the buffers
            encoder.Train(true);
            using var _ = Autograd.NoGrad();
            foreach (var batch in batches)
            {
                encoder.Forward(batch);
                count++;
                for (var l = 0; l < layers.Count; l++)
                {
                    Accumulate(means[l], layers[l].RunningMean.Span);
                    Accumulate(variances[l], layers[l].RunningVar.Span);
                }
            }
        }
        finally
        {
            for (var l = 0; l < layers.Count; l++) layers[l].Momentum = momenta[l];
            encoder.Eval();
        }
        if (count == 0) throw new ArgumentException("batch-norm recalibration needs at least one batch", nameof(batches));
        for (var l = 0; l < layers.Count; l++)
        {
            Average(means[l], count, layers[l].RunningMean.Span);
            Average(variances[l], count, layers[l].RunningVar.Span);
        }
        return layers.Count;
    }

    /// <summary>Up to <paramref name="count"/> batches of <see cref="BatchSize"/> training samples of
    /// <paramref name="data"/>, without augmentation, drawn without replacement in an order fixed by
    /// <paramref name="seed"/>; fewer when the training part is smaller (at least one, of all of it).</summary>
    public static IEnumerable<Tensor> Batches(EvaluationData data, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var size = Math.Min(BatchSize, data.TrainCount);
        var order = Enumerable.Range(0, data.TrainCount).ToArray();
        new Rng(seed).Shuffle(order);
        for (var b = 0; b < Math.Min(count, Math.Max(1, data.TrainCount / size)); b++)
            yield return data.TrainInputs(new ArraySegment<int>(order, b * size, size));
    }

    private static void Accumulate(double[] sums, ReadOnlySpan<float> values)
    {
        for (var i = 0; i < sums.Length; i++) sums[i] += values[i];
    }

    private static void Average(double[] sums, int count, Span<float> destination)
    {
        for (var i = 0; i < sums.Length; i++) destination[i] = (float)(sums[i] / count);
    }
}
