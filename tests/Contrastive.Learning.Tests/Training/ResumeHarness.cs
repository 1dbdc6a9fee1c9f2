using Contrastive.Methods;
using Contrastive.Runs;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>
/// The exact-resume experiment: one run trained straight through, and a second one interrupted after its first epoch
/// (as a kill between checkpoints would) and resumed from a fresh setup. Different loader worker counts on purpose.
/// </summary>
internal static class ResumeHarness
{
    /// <summary>The metrics and model.safetensors bytes of both runs.</summary>
    public sealed record Outcome(IReadOnlyList<EpochMetrics> Straight, IReadOnlyList<EpochMetrics> Resumed, byte[] StraightModel, byte[] ResumedModel);

    /// <summary>What a trainer runs: a method, its batches and the per-epoch evaluator (if any).</summary>
    public sealed record Parts(ContrastiveMethod Method, IBatchSource Batches, IEpochEvaluator? Evaluator)
    {
        /// <summary>The parts of an image, table or CLIP setup.</summary>
        public static Parts Of(TrainingSetup setup) => new(setup.Method, setup.Batches, setup.Evaluator);
    }

    /// <summary>Runs both under <paramref name="root"/>; <paramref name="create"/> builds a setup for a loader worker count.</summary>
    public static Outcome Run(TrainConfig config, string root, Func<int, TrainingSetup> create) =>
        Run(config, root, workers => Parts.Of(create(workers)));

    /// <summary>Runs both under <paramref name="root"/>; <paramref name="create"/> builds fresh parts for a loader worker count.</summary>
    public static Outcome Run(TrainConfig config, string root, Func<int, Parts> create)
    {
        var straight = Path.Combine(root, "straight");
        var resumed = Path.Combine(root, "resumed");
        var a = create(2);
        var full = new Trainer(config.ToTrainerOptions(), a.Method, a.Batches, straight, a.Evaluator).Run();

        using var cancel = new CancellationTokenSource();
        var b = create(1);
        Assert.Throws<OperationCanceledException>(() =>
            new Trainer(config.ToTrainerOptions(), b.Method, b.Batches, resumed, b.Evaluator, new CancelAfterFirstEpoch(cancel)).Run(cancellation: cancel.Token));
        var c = create(2);
        var continued = new Trainer(config.ToTrainerOptions(), c.Method, c.Batches, resumed, c.Evaluator).Run(resume: true);
        return new Outcome(full, continued, File.ReadAllBytes(Path.Combine(straight, "model.safetensors")), File.ReadAllBytes(Path.Combine(resumed, "model.safetensors")));
    }

    private sealed class CancelAfterFirstEpoch(CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnStep(StepReport step) { }

        public void OnEpoch(EpochMetrics metrics) => cancel.Cancel();

        public void OnWarning(string message) { }
    }
}
