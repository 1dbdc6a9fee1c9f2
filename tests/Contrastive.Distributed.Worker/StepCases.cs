using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Distributed.Worker;

/// <summary>One training step of a method on a fixed batch, with or without GradCache, with batch-norm in eval or training mode.</summary>
/// <param name="Name">The case's name, the prefix of its results.</param>
/// <param name="Method">The method (<see cref="MethodFactory"/> name).</param>
/// <param name="Chunk">The GradCache chunk size, or null without GradCache.</param>
/// <param name="Training">Batch-norm in training mode (statistics of each process's, or each chunk's, samples).</param>
public sealed record StepCase(string Name, string Method, int? Chunk = null, bool Training = false);

/// <summary>
/// The steps the data-parallel tests compare: each method's loss, parameter gradients (averaged over the processes, as
/// <see cref="DataParallel"/> does in training) and method state after one step on a fixed batch of
/// <see cref="BatchSize"/> samples, of which each process takes its share.
/// </summary>
public static class StepCases
{
    /// <summary>Samples in the whole batch.</summary>
    public const int BatchSize = 8;

    private const int Side = 8, Vocabulary = 12, TextLength = 6;

    /// <summary>Every case, with eval-mode batch-norm: one process on the whole batch gives the same results as any
    /// number of processes on their shares. "simclr-train-bn" trains its batch-norm: each process normalises its own
    /// share, as one process does with GradCache chunks of a share.</summary>
    public static IReadOnlyList<StepCase> All { get; } =
    [
        new("simclr", "simclr"),
        new("simclr-gradcache", "simclr", Chunk: 2),
        new("simclr-train-bn", "simclr", Training: true),
        new("supcon", "supcon"),
        new("clip", "clip"),
        new("barlow", "barlow"),
        new("moco", "moco"),
        new("moco-gradcache", "moco", Chunk: 2),
    ];

    /// <summary>
    /// Runs <paramref name="step"/> as process <paramref name="group"/>.Rank on its share of the batch (GradCache chunks of
    /// <paramref name="chunk"/> samples, or none) and returns "loss", "grad.NAME" of every parameter and "state.NAME" of
    /// the method's extra state (MoCo's queue) after the step's hook.
    /// </summary>
    public static Dictionary<string, Tensor> Run(StepCase step, IProcessGroup group, int? chunk)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(group);
        var config = new TrainConfig
        {
            Method = step.Method,
            Arch = "bench",
            Seed = 11,
            HiddenDim = 16,
            ProjectionDim = 8,
            QueueSize = 16,
            GradCacheChunk = chunk,
            MaxTextLength = TextLength,
            TextWidth = 8,
            TextLayers = 1,
        };
        var method = MethodFactory.Create(config, InputGeometry.Image(1, Side, Side), classCount: 3, Vocabulary);
        method.Group = group;
        method.Train(step.Training);
        var parameters = method.OptimizedParameters().ToArray();
        var loss = DataParallel.ComputeGradients(method, Share(Batch(step.Method), group), parameters);
        method.AfterStep(new TrainingProgress(0, 10));

        var results = new Dictionary<string, Tensor> { ["loss"] = new([loss], [1]) };
        foreach (var (name, parameter) in method.Model.NamedParameters())
            if (parameter.Grad is { } grad) results["grad." + name] = grad.Detach();
        foreach (var (name, state) in method.ExtraState()) results["state." + name] = state.Detach();
        return results;
    }

    /// <summary>The whole batch: two image views (CLIP: images and token ids), labels 0, 1, 2, 0, ...</summary>
    private static TrainingBatch Batch(string method)
    {
        var images = Tensor.Uniform(new Rng(21), 0, 1, BatchSize, 1, Side, Side);
        var second = method == "clip" ? TokenIds() : Tensor.Uniform(new Rng(22), 0, 1, BatchSize, 1, Side, Side);
        var labels = Enumerable.Range(0, BatchSize).Select(i => i % 3).ToArray();
        return new TrainingBatch([images, second], labels, Enumerable.Range(0, BatchSize).ToArray(), Step: 0);
    }

    /// <summary>Captions of 2 to TextLength tokens (ids past the 4 special tokens), padded with 0.</summary>
    private static Tensor TokenIds()
    {
        var rng = new Rng(23);
        var ids = new float[BatchSize * TextLength];
        for (var i = 0; i < BatchSize; i++)
            for (var t = 0; t < 2 + i % (TextLength - 1); t++) ids[i * TextLength + t] = 4 + rng.NextInt(Vocabulary - 4);
        return new Tensor(ids, [BatchSize, TextLength]);
    }

    /// <summary>Process <paramref name="group"/>.Rank's consecutive share of <paramref name="batch"/>.</summary>
    private static TrainingBatch Share(TrainingBatch batch, IProcessGroup group)
    {
        var n = BatchSize / group.Size;
        var start = group.Rank * n;
        return new TrainingBatch(batch.Views.Select(v => Ops.Narrow(v, 0, start, n)).ToArray(), batch.Labels![start..(start + n)],
            batch.Indices[start..(start + n)], batch.Step);
    }
}
