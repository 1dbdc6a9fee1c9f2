using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Evaluation;
using Contrastive.Evaluation.Classification;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>
/// Data whose label is an orientation (arrows pointing left or right): the default views, which never mirror, keep
/// the learned encoder level with raw pixels.
/// </summary>
public sealed class OrientationTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-orientation");

    public void Dispose() => _temp.Dispose();

    /// <summary>A noisy arrow on a 12 x 12 image at a random height, pointing left (class 0) or right (class 1).</summary>
    private static ImageDataset Arrows(int count, ulong seed, string name)
    {
        const int side = 12;
        var rng = new Rng(seed);
        var pixels = new float[count * side * side];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            var image = pixels.AsSpan(i * side * side, side * side);
            for (var p = 0; p < image.Length; p++) image[p] = 0.15f * rng.NextFloat();
            var row = 3 + rng.NextInt(side - 6);
            for (var x = 1; x < side - 1; x++) image[row * side + x] = 1f;
            for (var d = 1; d <= 3; d++)
            {
                var x = labels[i] == 0 ? 1 + d : side - 2 - d;
                image[(row - d) * side + x] = 1f;
                image[(row + d) * side + x] = 1f;
            }
        }
        return new ImageDataset(pixels, count, 1, side, side, labels, ["left", "right"], name);
    }

    private (double Learned, double Raw) TrainAndScore()
    {
        var data = new ImageDatasetSplit(Arrows(160, 1, "arrows-train"), Arrows(80, 2, "arrows-test"));
        var config = new TrainConfig { Epochs = 6, HiddenDim = 32, Seed = 4 }
            .WithDataDefaults(data.Train.Count, data.Train.Labels).WithResolvedDefaults();
        var setup = TrainingSetup.Create(config, data, workers: 1);
        new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator).Run();
        var evaluation = EvaluationData.Of(data);
        var knn = new KnnOptions { K = config.KnnK!.Value };
        double Score(Tensor train, Tensor test) => KnnClassifier.Evaluate(train, data.Train.Labels!, test, data.Test.Labels!, knn).Top1;
        setup.Method.Train(false);
        return (Score(evaluation.EmbedTrain(setup.Method.Model.Encoder), evaluation.EmbedTest(setup.Method.Model.Encoder)),
                Score(evaluation.RawTrain(), evaluation.RawTest()));
    }

    [Fact]
    public void Default_views_keep_the_learned_encoder_level_with_raw_pixels()
    {
        var (learned, raw) = TrainAndScore();
        Assert.True(raw > 0.9, $"raw pixels tell the arrows apart: kNN {raw}");
        Assert.True(learned >= raw - 0.05, $"default views: kNN {learned} against raw pixels' {raw}");
    }
}
