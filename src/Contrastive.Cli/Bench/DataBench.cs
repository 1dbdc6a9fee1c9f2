using System.Diagnostics;
using Contrastive.Data;
using Contrastive.Data.Augmentations;
using Contrastive.Data.Datasets;
using Contrastive.Data.Views;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Cli.Bench;

/// <summary>
/// The bench modes that read data: <c>aug</c> (the SimCLR preset alone), <c>embed</c> (eval-mode encoder over the
/// test set in batches of 1,000) and <c>epoch</c> (one SimCLR epoch through the loader and the trainer).
/// </summary>
internal static class DataBench
{
    /// <summary>Fashion-MNIST when the Debian package is installed, otherwise the embedded demo data.</summary>
    public static string DefaultData => FashionMnist.IsInstalled() ? "fashion-mnist" : "demo";

    /// <summary>The test part of <paramref name="spec"/> (for Fashion-MNIST without reading the training set, as the peer does).</summary>
    public static ImageDataset LoadTest(string spec) =>
        spec == "fashion-mnist" ? FashionMnist.Load(DatasetPart.Test) : DatasetResolver.LoadImages(spec).Test;

    /// <summary>Augments the first <paramref name="batch"/> test images into two SimCLR views (the PyTorch peer's <c>aug</c>
    /// mode), <paramref name="steps"/> timed times after at least 3 steps and 0.5 s of untimed warm-up, so the timed part
    /// runs tier-1 JIT code and its GC and CPU figures cover it alone.</summary>
    public static string Augment(ImageDataset test, int batch, int steps, int threads)
    {
        var views = ViewGenerator.TwoViews(AugmentationPresets.SimClr(ImageGeometry.Of(test), test.Height), seed: 0);
        var indices = Enumerable.Range(0, Math.Min(batch, test.Count)).ToArray();
        var warmStart = Stopwatch.GetTimestamp();
        for (var warm = 0; warm < 3 || Stopwatch.GetElapsedTime(warmStart) < TimeSpan.FromSeconds(0.5); warm++)
            views.Generate(test, indices, -1 - warm, threads: threads);
        var memory = new BenchMemory();
        var watch = Stopwatch.StartNew();
        for (var step = 0; step < steps; step++) views.Generate(test, indices, step, threads: threads);
        watch.Stop();
        return $"aug: batch={batch} {2.0 * indices.Length * steps / watch.Elapsed.TotalSeconds:F0} views/s " + memory.Report(steps, watch.Elapsed);
    }

    /// <summary>Embeds the whole test set max(1, steps / 10) times (as the PyTorch peer does) after a 1,000-image warm-up.</summary>
    public static string Embed(ImageDataset test, int steps, ulong seed = 0)
    {
        var rng = new Rng(seed);
        var model = new EmbeddingModel(new BenchEncoder(rng, test.Channels), Heads.Projection(rng, 128, 128, 64));
        Embedder.Embed(model.Encoder, test.Subset([.. Enumerable.Range(0, Math.Min(1000, test.Count))], test.Source));
        var passes = Math.Max(1, steps / 10);
        var memory = new BenchMemory();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < passes; i++) Embedder.Embed(model.Encoder, test);
        watch.Stop();
        return $"embed: {test.Count} images x {passes} {(double)test.Count * passes / watch.Elapsed.TotalSeconds:F0} images/s " +
            memory.Report(passes, watch.Elapsed);
    }

    /// <summary>One epoch of SimCLR (bench arch, SGD, the default preset) with prefetching workers; no evaluation.</summary>
    public static string Epoch(ImageDatasetSplit data, string dataName, int batch, int threads)
    {
        var config = new TrainConfig { Data = dataName, Epochs = 1, Batch = batch, Threads = threads };
        var setup = TrainingSetup.Create(config, data);
        var directory = Directory.CreateTempSubdirectory("contrastive-bench-");
        try
        {
            var memory = new BenchMemory();
            var watch = Stopwatch.StartNew();
            var metrics = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, directory.FullName).Run()[0];
            watch.Stop();
            return $"epoch: {data.Train.Source} batch={batch} steps={setup.Batches.BatchesPerEpoch} {metrics.ViewsPerS:F0} views/s " +
                $"train={metrics.Seconds:F1}s loader_wait={100 * metrics.LoaderWait:F1}% loss={metrics.Loss:F4} " +
                memory.Report(setup.Batches.BatchesPerEpoch, watch.Elapsed);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
