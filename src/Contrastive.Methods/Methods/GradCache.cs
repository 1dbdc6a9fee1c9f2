using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// Feature-cached gradient accumulation (GradCache, Gao et al. 2021): a contrastive loss over a large batch with the
/// activation memory of <see cref="ChunkSize"/> samples.
/// (a) every chunk is encoded without a graph, giving all representations r; (b) the loss is computed on leaf copies
/// of r and back-propagated to d loss / d r; (c) every chunk is encoded again with a graph and back-propagates its rows
/// of d loss / d r, accumulating the parameter gradients chunk by chunk.
/// </summary>
/// <remarks>
/// Equality: with batch-norm in eval mode, or a model without batch-norm, the gradients equal the full-batch ones to
/// float tolerance. With training-mode batch-norm each chunk is normalised by its own statistics, so the gradients
/// equal those of the same model run chunk by chunk (per-device batch-norm, as in multi-GPU training).
/// Batch-norm running statistics are updated once per chunk: the buffers are restored after pass (a). Dropout masks
/// are identical in both passes: each chunk's generator state is replayed in pass (c). Augmentation happens before
/// the batch is formed, so both passes see the same views.
/// </remarks>
public sealed class GradCache
{
    /// <summary>Creates the cache for chunks of <paramref name="chunkSize"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The chunk size is not positive.</exception>
    public GradCache(int chunkSize)
    {
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), $"GradCache chunk size must be positive, got {chunkSize}");
        ChunkSize = chunkSize;
    }

    /// <summary>The most samples per encoder pass; a batch of N is split into ceil(N / ChunkSize) near-equal chunks.</summary>
    public int ChunkSize { get; }

    /// <summary>
    /// Computes <paramref name="loss"/> of the representations of every input (in order) and accumulates its gradient
    /// into the parameters' <see cref="Tensor.Grad"/> (the models', and any the loss uses directly, such as CLIP's
    /// logit scale). Returns the loss value as a scalar without a graph.
    /// </summary>
    /// <exception cref="ArgumentException">An input is empty or the loss is not a scalar.</exception>
    public Tensor Backward(IReadOnlyList<GradCacheInput> inputs, Func<IReadOnlyList<Tensor>, Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(loss);
        var models = inputs.Select(i => i.Model).Distinct().ToArray();
        var buffers = models.SelectMany(m => m.NamedBuffers()).Select(b => (b.Tensor, Saved: b.Tensor.ToArray())).ToArray();
        var generators = models.SelectMany(Generators).Distinct().ToArray();

        var passes = new CachedPass[inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Count; i++) passes[i] = Encode(inputs[i], generators);
        }
        finally
        {
            foreach (var (tensor, saved) in buffers) tensor.CopyFrom(saved);
        }

        var representations = passes.Select(p => p.Representation).ToArray();
        var value = loss(representations);
        if (value.Length != 1) throw new ArgumentException($"GradCache: the loss must be a scalar, got shape {Shapes.Format(value.Shape)}");
        if (value.TracksGrad) value.Backward();

        for (var i = 0; i < inputs.Count; i++) Replay(inputs[i], passes[i], generators);
        return value.DetachShared();
    }

    private CachedPass Encode(GradCacheInput input, Rng[] generators)
    {
        ArgumentNullException.ThrowIfNull(input.Model);
        ArgumentNullException.ThrowIfNull(input.Batch);
        var batch = input.Batch;
        if (batch.Rank < 1 || batch.Size(0) == 0) throw new ArgumentException($"GradCache: empty batch {Shapes.Format(batch.Shape)}");
        var count = Count(batch);
        var states = new ulong[count][][];
        float[]? data = null;
        int[]? shape = null;
        using (Autograd.NoGrad())
        {
            for (var c = 0; c < count; c++)
            {
                var (start, length) = Chunk(batch, c);
                states[c] = generators.Select(g => g.GetState()).ToArray();
                var output = input.Model.Forward(Ops.Narrow(batch, 0, start, length));
                if (output.Rank < 1 || output.Size(0) != length)
                    throw new ArgumentException($"GradCache: a chunk of {length} samples gave output {Shapes.Format(output.Shape)}; the model must keep the batch dimension");
                var row = output.Length / length;
                if (data is null)
                {
                    shape = output.Shape.ToArray();
                    shape[0] = batch.Size(0);
                    data = new float[(long)batch.Size(0) * row];
                }
                output.Span.CopyTo(data.AsSpan(start * row, length * row));
            }
        }
        return new CachedPass(new Tensor(data!, shape!, requiresGrad: true), states);
    }

    private void Replay(GradCacheInput input, CachedPass pass, Rng[] generators)
    {
        var batch = input.Batch;
        var gradient = pass.Representation.Grad;
        var row = pass.Representation.Length / batch.Size(0);
        for (var c = 0; c < pass.GeneratorStates.Length; c++)
        {
            var (start, length) = Chunk(batch, c);
            for (var g = 0; g < generators.Length; g++) generators[g].SetState(pass.GeneratorStates[c][g]);
            var output = input.Model.Forward(Ops.Narrow(batch, 0, start, length));
            // A representation the loss ignores has no gradient: the forward still runs once, for the running statistics.
            if (gradient is null || !output.TracksGrad) continue;
            output.Backward(new Tensor(gradient.Span.Slice(start * row, length * row).ToArray(), output.Shape));
        }
    }

    /// <summary>Chunk <paramref name="index"/> of <see cref="Count"/> near-equal chunks (sizes differ by at most one, so
    /// no chunk is left with a single sample that training-mode batch-norm cannot normalise).</summary>
    private (int Start, int Length) Chunk(Tensor batch, int index)
    {
        long n = batch.Size(0), count = Count(batch);
        int start = (int)(n * index / count), end = (int)(n * (index + 1) / count);
        return (start, end - start);
    }

    private int Count(Tensor batch) => (batch.Size(0) + ChunkSize - 1) / ChunkSize;

    /// <summary>The random generators the model's dropout layers draw from.</summary>
    private static IEnumerable<Rng> Generators(Module module) =>
        (module is Dropout dropout ? [dropout.Generator] : Enumerable.Empty<Rng>())
            .Concat(module.Children.SelectMany(c => Generators(c.Module)));

    private sealed record CachedPass(Tensor Representation, ulong[][][] GeneratorStates);
}
