using Contrastive.Data;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>--recluster-every: the pseudo-labels are renewed from the encoder being trained at the first epoch a run
/// trains after epoch 0 and every N epochs, a run re-clustering every epoch resumes exactly, and the option is checked.</summary>
public sealed class ReclusteringTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-recluster");

    public void Dispose() => _temp.Dispose();

    private string PretrainedRun() => TinyData.TrainRun(TinyData.Config("simclr", epochs: 1) with { Seed = 11 }, Path.Combine(_temp.Path, "pretrained"));

    [Fact]
    public void Clusters_are_renewed_every_n_epochs_and_at_the_first_epoch_of_a_resumed_run()
    {
        var images = TinyData.Create().Train;
        var encoder = MethodFactory.CreateModel(TinyData.Config("supcon"), InputGeometry.Image(1, 12, 12), classCount: 4, seed: 1, withPredictor: false).Encoder;
        var labelled = new List<ImageDataset>();
        IBatchSource Record(ImageDataset data)
        {
            labelled.Add(data);
            return new NoBatches();
        }

        var straight = new Reclustering(new NoBatches(), Record, encoder, images, clusters: 4, every: 2, seed: 7);
        foreach (var epoch in Enumerable.Range(0, 5)) _ = straight.Epoch(epoch, 0, CancellationToken.None);
        Assert.Equal(2, labelled.Count); // epochs 2 and 4; epoch 0 trains on the clusters it was given
        var resumed = new Reclustering(new NoBatches(), Record, encoder, images, clusters: 4, every: 2, seed: 7);
        _ = resumed.Epoch(3, 0, CancellationToken.None);
        _ = resumed.Epoch(4, 0, CancellationToken.None);
        Assert.Equal(4, labelled.Count);

        // each clustering is that of the encoder as it is: here unchanged, so the same labels every time
        var expected = PseudoLabels.Assign(encoder, images, 4, 7).Labels;
        Assert.All(labelled, data => Assert.Equal(expected, data.Labels));
        Assert.Equal(4, labelled[0].ClassCount);
        Assert.Equal(images.Count, labelled[0].Count);
    }

    [Fact]
    public void A_run_reclustering_every_epoch_resumes_exactly()
    {
        var config = TinyData.Config("supcon", epochs: 2) with { Init = PretrainedRun(), PseudoLabels = 8, ReclusterEvery = 1 };
        var data = TinyData.Create();
        Assert.IsType<Reclustering>(TrainingSetup.Create(config, data, workers: 1).Batches);

        var outcome = ResumeHarness.Run(config, Path.Combine(_temp.Path, "resume"), workers => TrainingSetup.Create(config, data, workers));

        Assert.Equal(outcome.Straight.Select(m => m.StepLosses), outcome.Resumed.Select(m => m.StepLosses));
        Assert.Equal(outcome.StraightModel, outcome.ResumedModel);
    }

    [Fact]
    public void The_option_needs_pseudo_labels_a_positive_period_and_a_method_without_class_weights()
    {
        var pseudo = new TrainConfig { Method = "supcon", Init = "run", PseudoLabels = 10 };
        Assert.Contains("give both", Assert.Throws<ArgumentException>(new TrainConfig { Method = "supcon", ReclusterEvery = 1 }.Validate).Message);
        Assert.Contains("every N >= 1 epochs, got 0", Assert.Throws<ArgumentException>((pseudo with { ReclusterEvery = 0 }).Validate).Message);
        Assert.Contains("the classifier's class weights cannot follow",
            Assert.Throws<ArgumentException>((pseudo with { Method = "classifier", ReclusterEvery = 1 }).Validate).Message);
        (pseudo with { ReclusterEvery = 2 }).Validate();
    }
}
