using Contrastive.Distributed;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// A contrastive or self-supervised method: an online <see cref="EmbeddingModel"/> (encoder + heads), a loss over a
/// batch of views, and optional per-step hooks (EMA target update, queue enqueue). Adding a method is one small class.
/// </summary>
public abstract class ContrastiveMethod
{
    /// <summary>Creates the method around its online model.</summary>
    protected ContrastiveMethod(EmbeddingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    /// <summary>The online model; its state is what <c>model.safetensors</c> holds.</summary>
    public EmbeddingModel Model { get; }

    /// <summary>The method's CLI name (simclr, moco, ...).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The processes of a data-parallel run (default: this one alone). Each process trains on its share of every batch;
    /// the in-batch losses gather the embeddings of all processes, so that the mean of the processes' losses, and of their
    /// gradients, is that of the whole batch on one process.
    /// </summary>
    public IProcessGroup Group { get; set; } = SingleProcess.Instance;

    /// <summary>True when the method needs class labels (supervised metric learning).</summary>
    public virtual bool RequiresLabels => false;

    private readonly HashSet<Tensor> _frozen = new(ReferenceEqualityComparer.Instance);
    private readonly List<Module> _frozenModules = [];

    /// <summary>The parameters the method trains (before <see cref="Freeze"/> takes some away).</summary>
    public virtual IEnumerable<Tensor> TrainableParameters() => Model.Parameters();

    /// <summary>The parameters the optimiser updates: <see cref="TrainableParameters"/> less the frozen ones.</summary>
    public IEnumerable<Tensor> OptimizedParameters() => TrainableParameters().Where(p => !_frozen.Contains(p));

    /// <summary>
    /// Freezes <paramref name="module"/> except the sub-modules in <paramref name="keepTraining"/>: its other parameters
    /// get no gradient and are not optimised, and the frozen parts stay in eval mode while training (batch-norm
    /// statistics unchanged, no dropout), so they remain bit-identical.
    /// </summary>
    public void Freeze(Module module, IReadOnlyCollection<Module> keepTraining)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(keepTraining);
        var trained = keepTraining.SelectMany(m => m.Parameters()).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var parameter in module.Parameters().Where(p => !trained.Contains(p)))
        {
            parameter.RequiresGrad = false;
            _frozen.Add(parameter);
        }
        CollectFrozen(module, keepTraining);
        Train(true);
    }

    /// <summary>The largest sub-modules of <paramref name="module"/> that hold nothing of <paramref name="keepTraining"/>.</summary>
    private void CollectFrozen(Module module, IReadOnlyCollection<Module> keepTraining)
    {
        if (keepTraining.Contains(module)) return;
        if (!module.Modules().Any(keepTraining.Contains)) _frozenModules.Add(module);
        else foreach (var (_, child) in module.Children) CollectFrozen(child, keepTraining);
    }

    /// <summary>Trainable parameters the optimiser must not weight-decay (a learned temperature). Default: none.</summary>
    public virtual IEnumerable<Tensor> ParametersWithoutWeightDecay() => [];

    /// <summary>Trainable parameters whose learning rate the schedule must not change. Default: none.</summary>
    public virtual IEnumerable<Tensor> ParametersWithFixedLearningRate() => [];

    /// <summary>The loss of one batch (builds the autograd graph).</summary>
    public abstract Tensor ComputeLoss(TrainingBatch batch);

    /// <summary>
    /// Computes the loss of one batch and accumulates its gradient into the parameters' <see cref="Tensor.Grad"/>;
    /// returns the loss value. Default: <see cref="ComputeLoss"/> then backward. Methods with a GradCache option
    /// override it to encode the batch chunk by chunk. The trainer calls it inside
    /// <see cref="Autograd.RecycleActivations"/>: the backward pass hands the graph's activations to the next step, so a
    /// method keeps no tensor of its graph beyond this call (it copies what it keeps, as MoCo's keys are computed apart).
    /// </summary>
    public virtual float ComputeGradients(TrainingBatch batch)
    {
        var loss = ComputeLoss(batch);
        loss.Backward();
        return loss.Item();
    }

    /// <summary>Runs after each optimiser step (EMA updates, queue updates). Default: nothing.</summary>
    public virtual void AfterStep(TrainingProgress progress) { }

    /// <summary>State beyond the online model that a resumed run needs (target network, queue), by name.</summary>
    public virtual IEnumerable<(string Name, Tensor Tensor)> ExtraState() => [];

    /// <summary>
    /// The random generators whose state carries over from step to step, by name, which a checkpoint saves so that a
    /// resumed run draws what an uninterrupted one would. Default: those of the online model's dropout layers.
    /// </summary>
    public virtual IEnumerable<(string Name, Rng Generator)> Generators() =>
        Model.NamedModules().Where(m => m.Module is Dropout).Select(m => ("dropout." + m.Name, ((Dropout)m.Module).Generator));

    /// <summary>Switches the online model (and any target network) between training and eval mode; frozen parts stay in eval mode.</summary>
    public void Train(bool training)
    {
        SetTraining(training);
        foreach (var module in _frozenModules) module.Train(false);
    }

    /// <summary>Switches the online model (and any target network) between training and eval mode.</summary>
    protected virtual void SetTraining(bool training) => Model.Train(training);

    /// <summary>Throws when a batch lacks what this method needs.</summary>
    protected void RequireViews(TrainingBatch batch, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Views.Count < count) throw new ArgumentException($"{Name} needs {count} views per batch, got {batch.Views.Count}");
        if (RequiresLabels && batch.Labels is null) throw new ArgumentException($"{Name} is supervised: the data must have labels");
    }
}
