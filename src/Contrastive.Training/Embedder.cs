using Contrastive.Data;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>
/// Runs an encoder over a whole dataset in eval mode, without gradients, in batches. Encoders that can fold their
/// batch-norm into the preceding layers (<see cref="BatchNormFolding"/>) are folded once per call and run folded;
/// others run as they are.
/// </summary>
public static class Embedder
{
    /// <summary>The (N, D) encoder outputs of every image, in dataset order.</summary>
    public static Tensor Embed(Module encoder, ImageDataset data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Embed(encoder, data.Count, batchSize, (start, count) =>
            new Tensor(data.Pixels.Slice(start * data.ImageSize, count * data.ImageSize).ToArray(), [count, data.Channels, data.Height, data.Width]));
    }

    /// <summary>The (N, D) encoder outputs of every table row, in dataset order.</summary>
    public static Tensor Embed(Module encoder, TabularDataset data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Embed(encoder, data.Count, batchSize, (start, count) =>
            new Tensor(data.Features.Slice(start * data.FeatureCount, count * data.FeatureCount).ToArray(), [count, data.FeatureCount]));
    }

    /// <summary>The (N, D) encoder outputs of N samples of <paramref name="sampleShape"/> stored one after the other in
    /// <paramref name="inputs"/> (log-mel spectrograms, say), in order.</summary>
    /// <exception cref="ArgumentException">The inputs are not a whole number of samples.</exception>
    public static Tensor Embed(Module encoder, float[] inputs, int[] sampleShape, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sampleShape);
        var size = sampleShape.Aggregate(1, (a, b) => a * b);
        if (size <= 0 || inputs.Length % size != 0) throw new ArgumentException($"{inputs.Length} inputs are not a whole number of samples of {size} values");
        return Embed(encoder, inputs.Length / size, batchSize, (start, count) =>
            new Tensor(inputs.AsSpan(start * size, count * size).ToArray(), [count, .. sampleShape]));
    }

    private static Tensor Embed(Module encoder, int count, int batchSize, Func<int, int, Tensor> slice)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size must be positive, got {batchSize}");
        if (count == 0) throw new ArgumentException("cannot embed an empty dataset");
        return encoder.Inference(() =>
        {
            var network = BatchNormFolding.TryFold(encoder) ?? encoder;
            float[]? all = null;
            var dim = 0;
            for (var start = 0; start < count; start += batchSize)
            {
                var n = Math.Min(batchSize, count - start);
                var z = network.Forward(slice(start, n));
                if (all is null)
                {
                    dim = z.Length / n;
                    all = new float[(long)count * dim];
                }
                z.Span.CopyTo(all.AsSpan(start * dim, n * dim));
            }
            return new Tensor(all!, [count, dim]);
        });
    }
}
