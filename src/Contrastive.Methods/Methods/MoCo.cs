using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// MoCo v2 (He et al. 2020; Chen et al. 2020): queries from the online network, keys from a momentum (EMA) copy,
/// InfoNCE against a queue of past keys, the newest keys enqueued after each step (FIFO).
/// Batch-norm leakage: the paper shuffles samples across GPUs before the key encoder. On one device this class
/// emulates it: keys are computed in <see cref="KeyGroups"/> groups of a seeded random permutation of the batch,
/// so a key's batch statistics come from a different set of samples than its query's. The permutation is drawn from
/// (seed, step), so a resumed run repeats it exactly. Data-parallel, every process enqueues the keys of all processes
/// in rank order, so the queues stay identical and equal to one process's on the whole batch.
/// </summary>
public sealed class MoCo : ContrastiveMethod
{
    private readonly TargetNetwork _keyNetwork;
    private readonly Tensor _queue;
    private readonly Tensor _queuePointer = Tensor.Zeros(1);
    private readonly ulong _seed;
    private Tensor? _pendingKeys;

    /// <summary>Creates MoCo v2 with a queue of <paramref name="queueSize"/> keys of dimension <paramref name="keyDim"/>.</summary>
    public MoCo(EmbeddingModel model, Func<EmbeddingModel> createTwin, int keyDim, ulong seed,
        int queueSize = 4096, float temperature = 0.2f, float momentum = 0.99f, int keyGroups = 4) : base(model)
    {
        if (queueSize <= 0 || keyDim <= 0) throw new ArgumentException($"MoCo needs a positive queue size and key dimension, got {queueSize} and {keyDim}");
        if (keyGroups <= 0) throw new ArgumentOutOfRangeException(nameof(keyGroups), $"key groups must be positive, got {keyGroups}");
        _keyNetwork = new TargetNetwork(model, createTwin);
        // The queue starts as random unit vectors, as in the reference implementation.
        _queue = Ops.L2Normalize(Tensor.Randn(new Rng(seed ^ 0x51AB), queueSize, keyDim), 1);
        _seed = seed;
        Temperature = temperature;
        Momentum = momentum;
        KeyGroups = keyGroups;
    }

    /// <summary>The InfoNCE temperature (0.2 in MoCo v2).</summary>
    public float Temperature { get; }

    /// <summary>The key encoder's EMA momentum (0.999 in the paper for ImageNet; lower suits short runs).</summary>
    public float Momentum { get; }

    /// <summary>How many groups the key batch is split into for shuffled batch-norm.</summary>
    public int KeyGroups { get; }

    /// <summary>When set, queries are encoded in chunks with feature-cached gradients (large batches in little memory).
    /// The key encoder needs no gradient, so its shuffled groups are unchanged.</summary>
    public GradCache? GradCache { get; init; }

    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "moco";

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        var queries = Model.Forward(batch.Views[0]);
        var keys = ShuffledKeys(batch.Views[1], batch.Step);
        _pendingKeys = Ops.AllGather(keys, Group);
        return InfoNceLoss.Compute(queries, keys, _queue, Temperature);
    }

    /// <inheritdoc />
    public override float ComputeGradients(TrainingBatch batch)
    {
        if (GradCache is null) return base.ComputeGradients(batch);
        RequireViews(batch, 2);
        var keys = ShuffledKeys(batch.Views[1], batch.Step);
        _pendingKeys = Ops.AllGather(keys, Group);
        return GradCache.Backward([new(Model, batch.Views[0])], q => InfoNceLoss.Compute(q[0], keys, _queue, Temperature)).Item();
    }

    /// <inheritdoc />
    public override void AfterStep(TrainingProgress progress)
    {
        _keyNetwork.Update(Model, Momentum);
        if (_pendingKeys is null) return;
        Enqueue(Ops.L2Normalize(_pendingKeys, 1));
        _pendingKeys = null;
    }

    /// <inheritdoc />
    public override IEnumerable<(string Name, Tensor Tensor)> ExtraState() =>
        _keyNetwork.State().Append(("queue", _queue)).Append(("queue_ptr", _queuePointer));

    /// <inheritdoc />
    protected override void SetTraining(bool training)
    {
        base.SetTraining(training);
        _keyNetwork.Model.Train(training);
    }

    private Tensor ShuffledKeys(Tensor view, long step)
    {
        var b = view.Size(0);
        var groups = Math.Min(KeyGroups, Math.Max(1, b / 2));
        var permutation = Enumerable.Range(0, b).ToArray();
        Rng.Derive(_seed, step, 0xB7E1).Shuffle(permutation.AsSpan());
        var keys = new float[b * _queue.Size(1)];
        var d = _queue.Size(1);
        for (var g = 0; g < groups; g++)
        {
            var members = permutation[(b * g / groups)..(b * (g + 1) / groups)];
            var projected = _keyNetwork.Project(Ops.IndexSelect(view, members)).Span;
            for (var i = 0; i < members.Length; i++) projected.Slice(i * d, d).CopyTo(keys.AsSpan(members[i] * d, d));
        }
        return new Tensor(keys, [b, d]);
    }

    private void Enqueue(Tensor keys)
    {
        int k = _queue.Size(0), d = _queue.Size(1), pointer = (int)_queuePointer.Span[0];
        var queue = _queue.Span;
        var source = keys.Span;
        for (var i = 0; i < keys.Size(0); i++)
        {
            source.Slice(i * d, d).CopyTo(queue.Slice(pointer * d, d));
            pointer = (pointer + 1) % k;
        }
        _queuePointer.Span[0] = pointer;
    }
}
