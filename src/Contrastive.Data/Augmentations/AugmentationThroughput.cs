using System.Diagnostics;
using Contrastive.Data.Views;

namespace Contrastive.Data.Augmentations;

/// <summary>The <c>bench aug</c> figure: how fast the SimCLR preset augments a batch (the PyTorch peer's <c>aug</c> mode).</summary>
public static class AugmentationThroughput
{
    /// <summary>
    /// Augments the first <paramref name="batchSize"/> images of <paramref name="images"/> into two SimCLR views
    /// each, <paramref name="steps"/> times (after at least 3 steps and 0.5 s of untimed warm-up), on <paramref name="threads"/> threads.
    /// </summary>
    /// <exception cref="ArgumentException">A count is not positive or the dataset is empty.</exception>
    public static AugmentationThroughputResult Measure(ImageDataset images, int batchSize = 256, int steps = 20, int threads = 2, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize <= 0 || steps <= 0 || threads <= 0)
            throw new ArgumentException($"augmentation benchmark: batch, steps and threads must be positive, got {batchSize}, {steps}, {threads}");
        if (images.Count == 0) throw new ArgumentException($"augmentation benchmark: {images.Source} has no images");
        var pipeline = AugmentationPresets.SimClr(ImageGeometry.Of(images), images.Height);
        var views = ViewGenerator.TwoViews(pipeline, seed);
        var indices = Enumerable.Range(0, Math.Min(batchSize, images.Count)).ToArray();
        // Warm up for at least 3 steps and 0.5 s so the timed part runs tier-1 JIT code.
        var warmStart = Stopwatch.GetTimestamp();
        for (var warm = 0; warm < 3 || Stopwatch.GetElapsedTime(warmStart) < TimeSpan.FromSeconds(0.5); warm++)
            views.Generate(images, indices, -1 - warm, threads: threads);
        var start = Stopwatch.GetTimestamp();
        for (var step = 0; step < steps; step++) views.Generate(images, indices, step, threads: threads);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var count = 2L * indices.Length * steps;
        return new AugmentationThroughputResult(count / elapsed.TotalSeconds, count, elapsed, threads);
    }
}
