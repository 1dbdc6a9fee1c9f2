using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>A small labeled image set for fast trainer tests: 4 classes of 1x12x12 images, each class a bright square
/// in its own quadrant plus noise, split 96 train / 32 test.</summary>
internal static class TinyData
{
    /// <summary>A fast config for this data: batch 32, kNN k 10, small heads and queue.</summary>
    public static TrainConfig Config(string method, int epochs = 2) => new()
    {
        Method = method,
        Epochs = epochs,
        Batch = 32,
        KnnK = 10,
        Seed = 3,
        QueueSize = 64,
        HiddenDim = 32,
    };

    /// <summary>Trains <paramref name="config"/> on this data into <paramref name="directory"/>, a run folder that
    /// <c>--init</c> accepts.</summary>
    public static string TrainRun(TrainConfig config, string directory)
    {
        var setup = TrainingSetup.Create(config, Create(), workers: 1);
        new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, directory, setup.Evaluator).Run();
        return directory;
    }

    public static ImageDatasetSplit Create(int trainCount = 96, int testCount = 32, int seed = 5)
    {
        return new ImageDatasetSplit(Make(trainCount, seed, "tiny-train"), Make(testCount, seed + 1, "tiny-test"));
    }

    private static ImageDataset Make(int count, int seed, string name)
    {
        const int size = 12;
        var rng = new Rng((ulong)seed);
        var pixels = new float[count * size * size];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % 4;
            labels[i] = label;
            int top = label / 2 * 6, left = label % 2 * 6;
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                {
                    var inside = y >= top && y < top + 6 && x >= left && x < left + 6;
                    pixels[i * size * size + y * size + x] = Math.Clamp((inside ? 0.8f : 0.1f) + 0.1f * rng.NextGaussian(), 0f, 1f);
                }
        }
        return new ImageDataset(pixels, count, 1, size, size, labels, ["a", "b", "c", "d"], name);
    }
}
