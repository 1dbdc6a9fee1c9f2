using Contrastive.Evaluation.Classification;

namespace Contrastive.Evaluation.Tests;

public class ClassificationReportTests
{
    [Fact]
    public void Top1_top5_per_class_and_confusion_follow_the_scores()
    {
        // 6 classes; query 0 true 0 scored best; query 1 true 5 ranked 6th; query 2 true 2 tied with class 1 -> argmax picks 1
        float[] scores =
        [
            9, 1, 1, 1, 1, 1,
            6, 5, 4, 3, 2, 1,
            0, 3, 3, 0, 0, 0,
        ];
        var r = ClassificationReport.FromScores(scores, [0, 5, 2], 6);
        Assert.Equal([0, 0, 1], r.Predictions);
        Assert.Equal(1.0 / 3, r.Top1, 12);
        Assert.Equal(2.0 / 3, r.Top5, 12);
        Assert.Equal(1.0, r.PerClassAccuracy[0]);
        Assert.Equal(0.0, r.PerClassAccuracy[5]);
        Assert.True(double.IsNaN(r.PerClassAccuracy[3]));
        Assert.Equal(1, r.ConfusionMatrix[2][1]);
        Assert.Equal(1, r.ConfusionMatrix[5][0]);
    }

    [Fact]
    public void Out_of_range_labels_and_sizes_are_rejected()
    {
        Assert.Contains("outside", Assert.Throws<ArgumentException>(() => ClassificationReport.FromScores(new float[4], [0, 2], 2)).Message);
        Assert.Contains("need", Assert.Throws<ArgumentException>(() => ClassificationReport.FromScores(new float[5], [0, 1], 2)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => ClassificationReport.FromScores([], [], 2)).Message);
    }
}
