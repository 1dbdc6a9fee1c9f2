using Contrastive.Data.Datasets;
using Contrastive.Methods;
using Contrastive.Runs;
using Contrastive.Training;

namespace Contrastive.Distributed.Worker;

/// <summary>
/// A small SimCLR run (bench ConvNet, 256 demo images, batch 32, 2 epochs) trained by the processes of a group, straight
/// through or stopped after its first epoch as a kill between checkpoints would, and resumed from the run directory.
/// </summary>
public static class ResumableRun
{
    /// <summary>Epochs of the run.</summary>
    public const int Epochs = 2;

    /// <summary>Trains into <paramref name="runDirectory"/>; with <paramref name="stopAfterFirstEpoch"/> every process
    /// stops before the second epoch (the checkpoint of the first is kept), with <paramref name="resume"/> the run continues
    /// from its checkpoint.</summary>
    /// <returns>True when the run trained to the end, false when it stopped after the first epoch.</returns>
    public static bool Train(string runDirectory, IProcessGroup group, bool resume, bool stopAfterFirstEpoch)
    {
        var demo = DemoDataset.Load();
        var data = new ImageDatasetSplit(demo.Train.Subset([.. Enumerable.Range(0, 256)]), demo.Test.Subset([.. Enumerable.Range(0, 64)]));
        var config = new TrainConfig { Method = "simclr", Epochs = Epochs, Batch = 32, KnnK = 5, Seed = 7, HiddenDim = 32 };
        var setup = TrainingSetup.Create(config, data, workers: 1, group);
        using var stop = new CancellationTokenSource();
        IBatchSource batches = stopAfterFirstEpoch ? new StopAfterFirstEpoch(setup.Batches, stop) : setup.Batches;
        try
        {
            new Trainer(config.ToTrainerOptions(), setup.Method, batches, runDirectory, setup.Evaluator).Run(resume, stop.Token);
            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Cancels the run once the first epoch's batches are all given: every process then stops at the start of
    /// the second epoch, after the first epoch's checkpoint.</summary>
    private sealed class StopAfterFirstEpoch(IBatchSource inner, CancellationTokenSource stop) : IBatchSource
    {
        public int BatchesPerEpoch => inner.BatchesPerEpoch;

        public int ViewsPerBatch => inner.ViewsPerBatch;

        public TimeSpan WaitTime => inner.WaitTime;

        public IEnumerable<TrainingBatch> Epoch(int epoch, long firstStep, CancellationToken cancellation)
        {
            foreach (var batch in inner.Epoch(epoch, firstStep, cancellation)) yield return batch;
            stop.Cancel();
        }
    }
}
