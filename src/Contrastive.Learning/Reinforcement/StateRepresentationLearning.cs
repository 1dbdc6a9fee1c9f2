using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Reinforcement;

/// <summary>
/// Trains a <see cref="Curl"/> method on a replay buffer with Adam: each step draws a batch of anchor steps uniformly,
/// pairs each with itself (CURL) or with the step <see cref="StateLearningOptions.TemporalShift"/> later in its episode
/// (ATC), crops both at random (independent windows) and takes one optimiser step and one key-encoder update.
/// Batches and crops come from (seed, step), so a run repeats exactly.
/// </summary>
public static class StateRepresentationLearning
{
    /// <summary>The method with a fresh <see cref="PixelEncoder"/> for observations of <paramref name="frameStack"/> frames.</summary>
    public static Curl Create(StateLearningOptions options, int frameStack)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        EmbeddingModel Build() => new(new PixelEncoder(new Rng(options.Seed), frameStack, options.CropSize, options.EmbeddingDim), head: null);
        return new Curl(Build(), Build, new Rng(options.Seed ^ 0xC021), options.Momentum, options.Method);
    }

    /// <summary>Trains <paramref name="method"/> for <see cref="StateLearningOptions.Steps"/> steps; returns the loss of each.</summary>
    /// <exception cref="ArgumentException">The buffer has no anchor with a positive (an ATC shift longer than every episode).</exception>
    public static IReadOnlyList<float> Train(Curl method, ReplayBuffer buffer, StateLearningOptions options, Action<int, float>? onStep = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var shift = options.Method == "atc" ? options.TemporalShift : 0;
        var anchors = Enumerable.Range(0, buffer.Count).Where(i => buffer.SameEpisode(i, shift)).ToArray();
        if (anchors.Length == 0) throw new ArgumentException($"no step of the {buffer.Count} in the buffer has one {shift} steps later in its episode");
        var optimizer = new Adam(method.OptimizedParameters(), options.LearningRate);
        var losses = new List<float>(options.Steps);
        method.Train(true);
        for (var step = 0; step < options.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            var rng = Rng.Derive(options.Seed, step, 0x5EED);
            var batch = new int[options.BatchSize];
            for (var i = 0; i < batch.Length; i++) batch[i] = anchors[rng.NextInt(anchors.Length)];
            var positives = batch.Select(i => i + shift).ToArray();
            var views = new[] { buffer.Observations(batch, options.CropSize, rng), buffer.Observations(positives, options.CropSize, rng) };
            optimizer.ZeroGrad();
            float loss;
            using (Autograd.RecycleActivations()) loss = method.ComputeGradients(new TrainingBatch(views, null, batch, step));
            if (!float.IsFinite(loss)) throw new Training.TrainingDivergedException($"the {method.Name} loss became {loss} at step {step}");
            optimizer.Step();
            method.AfterStep(new TrainingProgress(step, options.Steps));
            losses.Add(loss);
            onStep?.Invoke(step, loss);
        }
        method.Train(false);
        return losses;
    }

    /// <summary>The encoder's embeddings of the centre crops of every step in <paramref name="buffer"/> (N x D), in batches.</summary>
    public static Tensor Embed(Curl method, ReplayBuffer buffer, int cropSize, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(buffer);
        var encoder = method.Model.Encoder;
        var parts = new List<Tensor>();
        for (var start = 0; start < buffer.Count; start += batchSize)
        {
            var indices = Enumerable.Range(start, Math.Min(batchSize, buffer.Count - start)).ToArray();
            parts.Add(encoder.Inference(() => encoder.Forward(buffer.Observations(indices, cropSize, rng: null))));
        }
        return Ops.Concat(parts, 0);
    }
}
