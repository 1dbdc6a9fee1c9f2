using Contrastive.Distributed;
using Contrastive.Distributed.Worker;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Distributed;

/// <summary>A 2-process run (mpirun, the worker program) stopped after its first epoch and resumed ends exactly as the
/// uninterrupted one; one process can resume it too.</summary>
public sealed class DataParallelResumeTests
{
    [MpiFact]
    public void A_two_process_run_resumes_exactly_and_one_process_can_take_it_over()
    {
        using var root = new TempDirectory();
        var (straight, resumed, takenOver) = (root.File("straight"), root.File("resumed"), root.File("taken-over"));
        var worker = typeof(ResumableRun).Assembly.Location;
        Mpirun.Run(2, worker, "train", straight);
        Mpirun.Run(2, worker, "train", resumed, "--stop");
        Assert.Single(EpochMetrics.ReadAll(Path.Combine(resumed, "metrics.jsonl")));
        CopyDirectory(resumed, takenOver);
        Mpirun.Run(2, worker, "train", resumed, "--resume");

        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.safetensors")), File.ReadAllBytes(Path.Combine(resumed, "model.safetensors")));
        var expected = EpochMetrics.ReadAll(Path.Combine(straight, "metrics.jsonl"));
        var actual = EpochMetrics.ReadAll(Path.Combine(resumed, "metrics.jsonl"));
        Assert.Equal(expected.Select(m => m.StepLosses), actual.Select(m => m.StepLosses));
        Assert.Equal(expected.Select(m => m.KnnAccuracy), actual.Select(m => m.KnnAccuracy));

        // One process continues the 2-process run from its checkpoint: the same data and schedule, its own batch-norm statistics.
        Assert.True(ResumableRun.Train(takenOver, SingleProcess.Instance, resume: true, stopAfterFirstEpoch: false));
        var continued = EpochMetrics.ReadAll(Path.Combine(takenOver, "metrics.jsonl"));
        Assert.Equal(ResumableRun.Epochs, continued.Count);
        Assert.Equal(expected[0].StepLosses, continued[0].StepLosses);
        Assert.Equal(expected[1].StepLrs, continued[1].StepLrs);
        Assert.All(continued[1].StepLosses!, l => Assert.True(double.IsFinite(l)));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
