using Contrastive.Data.Sampling;
using Contrastive.Data.Views;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>Offline hard negatives: the neighbour table is rebuilt from the model at the first epoch of a run and every N
/// epochs, and only triplet networks on labelled images take the option.</summary>
public sealed class HardNegativeMiningTests
{
    [Fact]
    public void The_table_is_built_at_the_first_epoch_of_a_run_then_every_n_epochs()
    {
        var data = TinyData.Create();
        var config = TinyData.Config("triplet") with { HardNegatives = 2 };
        var model = MethodFactory.CreateModel(config, InputGeometry.Image(1, 12, 12), classCount: 4, seed: 1, withPredictor: false);
        var sampler = new TripletBatchSampler(new LabelIndex(data.Train.Labels!), 30, seed: 2);
        var mining = new HardNegativeMining(new NoBatches(sampler.BatchesPerEpoch), sampler, model, data.Train, every: 2, neighbours: 5);

        Assert.Null(sampler.HardNegatives);
        _ = mining.Epoch(3, 0, CancellationToken.None); // a resumed run: its first epoch builds the table
        var first = Assert.IsType<NeighbourNegatives>(sampler.HardNegatives);
        Assert.Equal(5, first.K);
        _ = mining.Epoch(4, 0, CancellationToken.None);
        var rebuilt = sampler.HardNegatives;
        Assert.NotSame(first, rebuilt);
        _ = mining.Epoch(5, 0, CancellationToken.None);
        Assert.Same(rebuilt, sampler.HardNegatives);
        // every negative of a batch is another class's image
        var batch = sampler.Batch(5, 0);
        Assert.All(Enumerable.Range(0, 10), i => Assert.NotEqual(data.Train.Labels![batch[i]], data.Train.Labels![batch[20 + i]]));
    }

    [Fact]
    public void Training_with_hard_negatives_runs_on_triplet_batches_and_the_option_is_checked()
    {
        var data = TinyData.Create();
        var config = TinyData.Config("triplet") with { HardNegatives = 1 };
        var setup = TrainingSetup.Create(config, data, workers: 1);
        Assert.IsType<HardNegativeMining>(setup.Batches);
        Assert.Equal(96 / 10, setup.Batches.BatchesPerEpoch); // 10 anchors (batch 32 -> 30) per step

        Assert.Contains("--hard-negatives applies to triplet, not simclr",
            Assert.Throws<ArgumentException>(new TrainConfig { HardNegatives = 1 }.Validate).Message);
        Assert.Contains("every N >= 1 epochs, got 0",
            Assert.Throws<ArgumentException>(new TrainConfig { Method = "triplet", HardNegatives = 0 }.Validate).Message);
        Assert.Contains("labelled images", Assert.Throws<ArgumentException>(new TrainConfig { Method = "triplet", Data = "t.csv", HardNegatives = 1 }.Validate).Message);
    }
}
