using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Evaluation;
using Contrastive.Runs;

namespace Contrastive.Learning.Tests.Training;

/// <summary>The supervised row of the label-efficiency view: a network trained from scratch on the few-label draws.</summary>
public sealed class SupervisedFewLabelsTests
{
    private static readonly EvaluationOptions s_options = new() { FewLabelsPerClass = [1, 8], Seed = 2 };

    [Fact]
    public void Trains_a_fixed_number_of_steps_per_draw_and_learns_an_easy_task_from_eight_labels_per_class()
    {
        var data = TinyData.Create();
        var rows = SupervisedFewLabels.Evaluate(data, new TrainConfig { Seed = 3, Threads = 1 }, s_options, steps: 30, draws: 2);
        Assert.Equal([1, 8], rows.Select(r => r.LabelsPerClass));
        Assert.All(rows, r => Assert.Equal(2, r.Draws));
        Assert.All(rows, r => Assert.Equal(30, r.Steps)); // 4 or 32 images: one batch per epoch, 30 epochs
        Assert.True(rows[1].Top1 >= 0.9, $"8 labels per class of bright quadrants: {rows[1].Top1:P1}");
        Assert.Equal(rows, SupervisedFewLabels.Evaluate(data, new TrainConfig { Seed = 3, Threads = 1 }, s_options, steps: 30, draws: 2)); // seeded
    }

    [Fact]
    public void Unlabelled_images_and_bad_counts_are_named()
    {
        var data = TinyData.Create();
        var train = data.Train;
        var unlabelled = new ImageDatasetSplit(new ImageDataset(train.Pixels.ToArray(), train.Count, 1, train.Height, train.Width, null, null, "unlabelled"), data.Test);
        Assert.Contains("labelled images", Assert.Throws<ArgumentException>(() => SupervisedFewLabels.Evaluate(unlabelled, new TrainConfig(), s_options)).Message);
        Assert.Contains("steps", Assert.Throws<ArgumentOutOfRangeException>(() => SupervisedFewLabels.Evaluate(data, new TrainConfig(), s_options, steps: 0)).Message);
        Assert.Contains("draws", Assert.Throws<ArgumentOutOfRangeException>(() => SupervisedFewLabels.Evaluate(data, new TrainConfig(), s_options, draws: 0)).Message);
    }
}
