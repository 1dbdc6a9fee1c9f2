using System.Diagnostics;
using Contrastive.IO;
using Contrastive.Methods;
using Contrastive.Nn;
using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>
/// Runs a method over epochs: per step the learning rate from warmup + cosine, forward, loss and backward (chunked
/// with GradCache when configured), NaN guard, optimiser step and the method's hook; per epoch evaluation, a
/// checkpoint (written only when every parameter, optimiser and method state is finite), <c>model.safetensors</c> and a line of <c>metrics.jsonl</c>. A resumed run continues from the last
/// checkpoint and ends with the same figures as an uninterrupted one. The run directory also gets
/// <see cref="TrainerOptions.FilesAtStart"/> (the run's <c>config.json</c>, when the run layer built the options).
/// Data-parallel (the method's <see cref="ContrastiveMethod.Group"/> has several processes): every process starts from
/// rank 0's state and steps with the processes' mean gradient (<see cref="DataParallel"/>); rank 0 alone evaluates,
/// reports progress and writes the run's files, and its views/s count the views of all processes.
/// A run in rounds (<see cref="TrainerOptions.RoundEpochs"/>) starts every round as a fresh run from the encoder as it is.
/// </summary>
public sealed class Trainer
{
    private readonly TrainerOptions _options;
    private readonly ContrastiveMethod _method;
    private readonly IBatchSource _data;
    private readonly RunDirectory _run;
    private readonly IEpochEvaluator? _evaluator;
    private readonly ITrainingObserver? _observer;
    private readonly Tensor[] _parameters;
    private readonly bool _writes;
    private readonly int _roundEpochs;
    private readonly (Tensor Tensor, float[] Initial)[] _initialHeads;

    /// <summary>Creates a trainer writing into <paramref name="runDirectory"/>.</summary>
    public Trainer(TrainerOptions options, ContrastiveMethod method, IBatchSource data, string runDirectory,
        IEpochEvaluator? evaluator = null, ITrainingObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(data);
        _options = options;
        _method = method;
        _data = data;
        _run = new RunDirectory(runDirectory);
        _writes = method.Group.Rank == 0;
        _evaluator = _writes ? evaluator : null;
        _observer = _writes ? observer : null;
        _parameters = method.OptimizedParameters().ToArray();
        Optimizer = OptimizerFactory.Create(options.Optimizer, method.OptimizedParameters(), method.ParametersWithoutWeightDecay(),
            method.ParametersWithFixedLearningRate(), method.Model.Encoder.Parameters());
        if (options.RoundEpochs is < 1) throw new ArgumentOutOfRangeException(nameof(options), $"a round lasts at least 1 epoch, got {options.RoundEpochs}");
        _roundEpochs = options.RoundEpochs ?? options.Epochs;
        // Taken before a resume loads the checkpoint: the heads as the model was built, which every round starts from.
        _initialHeads = _roundEpochs < options.Epochs
            ? method.Model.StateEntries().Where(e => !e.Name.StartsWith("encoder.", StringComparison.Ordinal)).Select(e => (e.Tensor, e.Tensor.ToArray())).ToArray()
            : [];
    }

    /// <summary>The optimiser.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning-rate schedule of the round holding <paramref name="epoch"/> (0-based): warmup (no longer than the
    /// round) and cosine decay over the round's steps, counted from the round's first step; one round spans the whole run
    /// unless <see cref="TrainerOptions.RoundEpochs"/> is set.</summary>
    public WarmupCosineSchedule RoundSchedule(int epoch)
    {
        var first = RoundStart(epoch);
        var epochs = Math.Min(_roundEpochs, _options.Epochs - first);
        return new WarmupCosineSchedule(_options.Optimizer.LearningRate, Math.Min(_options.WarmupEpochs, epochs) * _data.BatchesPerEpoch, epochs * _data.BatchesPerEpoch);
    }

    /// <summary>The first epoch of the round holding <paramref name="epoch"/>.</summary>
    private int RoundStart(int epoch) => epoch / _roundEpochs * _roundEpochs;

    /// <summary>The path of the model checkpoint (PyTorch state_dict keys).</summary>
    public string ModelPath => _run.Model;

    /// <summary>The path of the metrics log.</summary>
    public string MetricsPath => _run.Metrics;

    /// <summary>Trains to the configured epoch count; with <paramref name="resume"/>, continues from the run's checkpoint.</summary>
    /// <returns>The metrics of every epoch of the run (including those before a resume).</returns>
    /// <exception cref="TrainingDivergedException">The loss or the parameters became NaN/infinite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled; the run stops before its
    /// next step, and the checkpoint of the last completed epoch is kept.</exception>
    public IReadOnlyList<EpochMetrics> Run(bool resume = false, CancellationToken cancellation = default)
    {
        var (startEpoch, step) = (0, 0L);
        if (resume)
        {
            if (_writes) AtomicFile.DeleteLeftovers(_run.Path); // from a kill in the middle of a write
            (startEpoch, step) = TrainingCheckpoint.Load(_run.Path, _method, Optimizer);
        }
        // Every process must hold the checkpoint before rank 0 writes anything.
        DataParallel.Broadcast(_method.Group, _method.Model.StateEntries().Select(e => e.Tensor).Concat(_method.ExtraState().Select(e => e.Tensor)));
        if (_writes)
        {
            Directory.CreateDirectory(_run.Path);
            foreach (var (name, content) in _options.FilesAtStart) AtomicFile.WriteAllText(Path.Combine(_run.Path, name), content);
            if (resume) EpochMetrics.Truncate(MetricsPath, startEpoch);
            else if (File.Exists(MetricsPath)) File.Delete(MetricsPath);
        }
        var history = _writes && File.Exists(MetricsPath) ? EpochMetrics.ReadAll(MetricsPath).ToList() : [];

        var totalSteps = (long)_options.Epochs * _data.BatchesPerEpoch;
        for (var epoch = startEpoch; epoch < _options.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (epoch > 0 && RoundStart(epoch) == epoch) StartRound();
            var metrics = RunEpoch(epoch, ref step, totalSteps, history, cancellation);
            RequireFiniteState(epoch);
            history.Add(metrics);
            if (_writes)
            {
                // The metrics line goes first: a kill before the checkpoint then only leaves a line that resume truncates,
                // never a checkpoint whose epoch has no line.
                EpochMetrics.Append(MetricsPath, metrics);
                TrainingCheckpoint.Save(_run.Path, _method, Optimizer, epoch + 1, step);
                ModuleCheckpoint.Save(_method.Model, ModelPath, new Dictionary<string, string> { ["method"] = _method.Name, ["arch"] = _options.Architecture });
                _observer?.OnEpoch(metrics);
            }
            if (Collapsed(metrics))
                throw new TrainingDivergedException($"representation collapsed after epoch {epoch + 1}; stopping (--stop-on-collapse)");
        }
        return history;
    }

    /// <summary>What a chain of runs each starting from the last one's encoder does: the heads return to their weights as
    /// built and the optimiser forgets its state (the schedule restarts with <see cref="RoundSchedule"/>).</summary>
    private void StartRound()
    {
        foreach (var (tensor, initial) in _initialHeads) initial.CopyTo(tensor.Span);
        Optimizer.ClearState();
    }

    private EpochMetrics RunEpoch(int epoch, ref long step, long totalSteps, IReadOnlyList<EpochMetrics> earlier, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var schedule = RoundSchedule(epoch);
        var roundFirstStep = (long)RoundStart(epoch) * _data.BatchesPerEpoch;
        var waitBefore = _data.WaitTime;
        var communicationBefore = _method.Group.CommunicationTime;
        var losses = new List<double>(_data.BatchesPerEpoch);
        var lrs = new List<double>(_data.BatchesPerEpoch);
        _method.Train(true);
        var inEpoch = 0;
        var viewsPerBatch = _data.ViewsPerBatch * _method.Group.Size;
        foreach (var batch in _data.Epoch(epoch, step, cancellation))
        {
            // Checked every step, not only when the loader has to wait: a cancelled run stops within one step.
            cancellation.ThrowIfCancellationRequested();
            schedule.Apply(Optimizer, step - roundFirstStep);
            Optimizer.ZeroGrad();
            var value = DataParallel.ComputeGradients(_method, batch, _parameters);
            if (!double.IsFinite(value))
                throw new TrainingDivergedException($"loss is {value} at epoch {epoch + 1}, step {inEpoch + 1}; the last good checkpoint is kept. Try a lower --lr.");
            Optimizer.Step();
            _method.AfterStep(new TrainingProgress(step, totalSteps));
            losses.Add(value);
            lrs.Add(schedule.LearningRate(step - roundFirstStep));
            step++;
            inEpoch++;
            _observer?.OnStep(new StepReport(epoch + 1, inEpoch, _data.BatchesPerEpoch, step, totalSteps, value, lrs[^1],
                inEpoch * viewsPerBatch / Math.Max(1e-9, clock.Elapsed.TotalSeconds)));
        }
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var evaluation = _evaluator?.Evaluate(_method, earlier) ?? new EpochMetrics();
        _method.Train(true);
        if (evaluation.HealthMessage is { } warning && evaluation.Health != "ok") _observer?.OnWarning($"epoch {epoch + 1}: {warning}");
        return evaluation with
        {
            Epoch = epoch + 1,
            Loss = losses.Count == 0 ? double.NaN : losses.Average(),
            Lr = lrs.Count == 0 ? 0 : lrs[^1],
            ViewsPerS = inEpoch * viewsPerBatch / Math.Max(1e-9, trainSeconds),
            LoaderWait = (_data.WaitTime - waitBefore).TotalSeconds / Math.Max(1e-9, trainSeconds),
            CommunicationWait = _method.Group.Size == 1 ? null : (_method.Group.CommunicationTime - communicationBefore).TotalSeconds / Math.Max(1e-9, trainSeconds),
            Seconds = clock.Elapsed.TotalSeconds,
            StepLosses = losses,
            StepLrs = lrs,
        };
    }

    /// <summary>Whether to stop on rank 0's collapse alarm (<see cref="TrainerOptions.StopOnCollapse"/>), decided for every process.</summary>
    private bool Collapsed(EpochMetrics metrics)
    {
        if (!_options.StopOnCollapse) return false;
        var flag = new[] { metrics.Health == "collapsed" ? 1f : 0f };
        _method.Group.Broadcast(flag, root: 0);
        return flag[0] > 0;
    }

    /// <summary>Throws unless everything the checkpoint would hold (model, optimiser state, EMA target, queue) is finite.</summary>
    private void RequireFiniteState(int epoch)
    {
        var state = _method.Model.StateEntries().Select(e => ("parameter", e.Name, e.Tensor))
            .Concat(Optimizer.GetState().Select(kv => ("optimizer state", kv.Key, kv.Value)))
            .Concat(_method.ExtraState().Select(e => ("method state", e.Name, e.Tensor)));
        foreach (var (kind, name, tensor) in state)
            if (FiniteValues.Describe(tensor.Span) is { } bad)
                throw new TrainingDivergedException($"{kind} '{name}' holds {bad} after epoch {epoch + 1}; the last good checkpoint is kept");
    }
}
