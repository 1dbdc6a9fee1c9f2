using Contrastive.Compression;
using Contrastive.IO;
using Contrastive.Methods;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>A run in rounds (<see cref="TrainerOptions.RoundEpochs"/>, what --recluster-every trains in): every round
/// trains as a fresh run initialised from the last round's encoder would, and the schedule restarts per round.</summary>
public sealed class RoundsTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-rounds");

    public void Dispose() => _temp.Dispose();

    /// <summary>Every epoch replays the batches of epoch 0, so that a run's second epoch sees what a chained run's first does.</summary>
    private sealed class FirstEpochAgain(IBatchSource inner) : IBatchSource
    {
        public int BatchesPerEpoch => inner.BatchesPerEpoch;

        public int ViewsPerBatch => inner.ViewsPerBatch;

        public TimeSpan WaitTime => inner.WaitTime;

        public IEnumerable<TrainingBatch> Epoch(int epoch, long firstStep, CancellationToken cancellation) => inner.Epoch(0, 0, cancellation);
    }

    private Dictionary<string, Tensor> Train(TrainConfig config, TrainerOptions options, string name)
    {
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var directory = Path.Combine(_temp.Path, name);
        new Trainer(options, setup.Method, new FirstEpochAgain(setup.Batches), directory).Run();
        return ModelWeights.Read(Path.Combine(directory, RunFiles.Model));
    }

    [Fact]
    public void The_second_round_trains_as_a_run_initialised_from_the_first_rounds_encoder()
    {
        // SGD with momentum and a head with batch norm: a momentum, a head weight or a running statistic carried over
        // from round 1, or a learning rate not restarted, would change round 2's weights.
        var config = TinyData.Config("supcon", epochs: 2) with { Optimizer = "sgd" };
        var rounds = Train(config, config.ToTrainerOptions() with { RoundEpochs = 1 }, "rounds");

        var first = config with { Epochs = 1 };
        Train(first, first.ToTrainerOptions(), "round-1");
        var second = first with { Init = Path.Combine(_temp.Path, "round-1") };
        var chained = Train(second, second.ToTrainerOptions(), "round-2");

        Assert.Equal(chained.Keys.Order(), rounds.Keys.Order());
        foreach (var (name, tensor) in chained) Assert.True(tensor.Span.SequenceEqual(rounds[name].Span), $"{name} differs from the chained run's");
    }

    [Fact]
    public void Each_round_has_its_own_warmup_and_cosine_and_the_last_round_may_be_shorter()
    {
        var config = TinyData.Config("supcon", epochs: 5) with { WarmupEpochs = 1 };
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var trainer = new Trainer(config.ToTrainerOptions() with { RoundEpochs = 2 }, setup.Method, new NoBatches(batchesPerEpoch: 3), _temp.Path);

        Assert.Equal([(3, 6), (3, 6), (3, 6), (3, 6), (3, 3)], Enumerable.Range(0, 5).Select(e => (trainer.RoundSchedule(e).WarmupSteps, trainer.RoundSchedule(e).TotalSteps)));
        var whole = new Trainer(config.ToTrainerOptions(), setup.Method, new NoBatches(batchesPerEpoch: 3), _temp.Path);
        Assert.Equal((3, 15), (whole.RoundSchedule(4).WarmupSteps, whole.RoundSchedule(4).TotalSteps));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(config.ToTrainerOptions() with { RoundEpochs = 0 }, setup.Method, new NoBatches(), _temp.Path));
    }
}
