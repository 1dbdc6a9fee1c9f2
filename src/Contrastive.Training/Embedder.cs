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
    /// <summary>The (N, D) encoder outputs of every sample of <paramref name="data"/>, in sample order, computed in
    /// batches of <paramref name="batchSize"/> samples (default: the set's <see cref="ISampleSet.EmbeddingBatchSize"/>)
    /// taken in the set's <see cref="ISampleSet.EmbeddingOrder"/>.</summary>
    /// <exception cref="ArgumentException">The set is empty, or its embedding order does not hold one row per sample.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is not positive.</exception>
    public static Tensor Embed(Module encoder, ISampleSet data, int? batchSize = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(data);
        var batch = batchSize ?? data.EmbeddingBatchSize;
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size must be positive, got {batch}");
        var count = data.Count;
        if (count == 0) throw new ArgumentException($"{data.Source}: cannot embed an empty dataset", nameof(data));
        var order = data.EmbeddingOrder ?? [.. Enumerable.Range(0, count)];
        if (order.Length != count) throw new ArgumentException($"{data.Source}: the embedding order holds {order.Length} rows for {count} samples", nameof(data));
        return encoder.Inference(() =>
        {
            var network = BatchNormFolding.TryFold(encoder) ?? encoder;
            float[]? all = null;
            var dim = 0;
            for (var start = 0; start < count; start += batch)
            {
                var n = Math.Min(batch, count - start);
                var rows = order.AsSpan(start, n);
                var z = network.Forward(data.Gather(rows));
                if (all is null)
                {
                    dim = z.Length / n;
                    all = new float[(long)count * dim];
                }
                for (var i = 0; i < n; i++) z.Span.Slice(i * dim, dim).CopyTo(all.AsSpan(rows[i] * dim, dim));
            }
            return new Tensor(all!, [count, dim]);
        });
    }
}
