using Contrastive.Evaluation.Verification;
using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

public class VerificationTests
{
    [Fact]
    public void Threshold_metrics_match_sklearn()
    {
        var c = EvalVectors.Shared("pair_verification");
        var m = ThresholdMetrics.Compute(c.Floats("scores"), c.Ints("labels"), (float)c.Param("threshold"));
        EvalVectors.Close(c.Scalar("accuracy"), m.Accuracy, "accuracy");
        EvalVectors.Close(c.Scalar("precision"), m.Precision, "precision");
        EvalVectors.Close(c.Scalar("recall"), m.Recall, "recall");
        EvalVectors.Close(c.Scalar("f1"), m.F1, "f1");
        Assert.Equal(40, m.TruePositives + m.FalsePositives + m.TrueNegatives + m.FalseNegatives);
    }

    [Fact]
    public void Roc_auc_and_average_precision_match_sklearn()
    {
        var c = EvalVectors.Shared("pair_verification");
        EvalVectors.Close(c.Scalar("roc_auc"), VerificationMetrics.RocAuc(c.Floats("scores"), c.Ints("labels")), "roc_auc");
        EvalVectors.Close(c.Scalar("average_precision"), VerificationMetrics.AveragePrecision(c.Floats("scores"), c.Ints("labels")), "average_precision");
    }

    [Fact]
    public void Full_roc_curve_matches_sklearn_without_dropping()
    {
        var c = EvalVectors.Shared("pair_verification");
        var roc = RocCurve.Compute(c.Floats("scores"), c.Ints("labels"), dropIntermediate: false);
        EvalVectors.Close([.. c.Floats("roc_fpr").Select(v => (double)v)], roc.Fpr, "fpr");
        EvalVectors.Close([.. c.Floats("roc_tpr").Select(v => (double)v)], roc.Tpr, "tpr");
        var reference = c.Floats("roc_thresholds");
        // sklearn 1.2 (which wrote metrics.json) starts with max(score) + 1; sklearn >= 1.3 and this library start with +inf
        Assert.Equal(c.Floats("scores").Max() + 1, reference[0], 5);
        Assert.Equal(double.PositiveInfinity, roc.Thresholds[0]);
        EvalVectors.Close([.. reference[1..].Select(v => (double)v)], [.. roc.Thresholds.Skip(1).Select(t => (double)(float)t)], "thresholds");
    }

    [Theory]
    [InlineData("roc_drop_intermediate")]
    [InlineData("verification_ties")]
    public void Dropped_roc_curve_matches_sklearn(string name)
    {
        var c = EvalVectors.Local(name);
        var roc = RocCurve.Compute(c.Floats("scores"), c.Ints("labels"));
        EvalVectors.Close([.. c.Floats("roc_fpr").Select(v => (double)v)], roc.Fpr, "fpr");
        EvalVectors.Close([.. c.Floats("roc_tpr").Select(v => (double)v)], roc.Tpr, "tpr");
        EvalVectors.Close([.. c.Floats("roc_thresholds_after_first").Select(v => (double)v)], [.. roc.Thresholds.Skip(1).Select(t => (double)(float)t)], "thresholds");
    }

    [Fact]
    public void Tied_scores_auc_ap_and_best_thresholds_match_sklearn()
    {
        var c = EvalVectors.Local("verification_ties");
        var (s, y) = (c.Floats("scores"), c.Ints("labels"));
        EvalVectors.Close(c.Scalar("roc_auc"), VerificationMetrics.RocAuc(s, y), "roc_auc");
        EvalVectors.Close(c.Scalar("average_precision"), VerificationMetrics.AveragePrecision(s, y), "average_precision");
        var f1 = VerificationMetrics.BestThreshold(s, y, ThresholdCriterion.F1);
        EvalVectors.Close(c.Scalar("best_f1"), f1.F1, "best f1");
        Assert.Equal((float)c.Scalar("best_f1_threshold"), (float)f1.Threshold);
        var acc = VerificationMetrics.BestThreshold(s, y, ThresholdCriterion.Accuracy);
        EvalVectors.Close(c.Scalar("best_accuracy"), acc.Accuracy, "best accuracy");
        Assert.Equal((float)c.Scalar("best_accuracy_threshold"), (float)acc.Threshold);
    }

    [Fact]
    public void Eer_and_tar_at_far_on_a_hand_made_curve()
    {
        // negatives 0.1..0.4, positives 0.35..0.9: one negative (0.4) outranks one positive (0.35)
        float[] s = [0.1f, 0.2f, 0.3f, 0.4f, 0.35f, 0.6f, 0.7f, 0.9f];
        int[] y = [0, 0, 0, 0, 1, 1, 1, 1];
        var roc = RocCurve.Compute(s, y, dropIntermediate: false);
        // points: (0,0) (0,.25) (0,.5) (0,.75) (.25,.75) (.25,1) ... FNR - FPR: 1,.75,.5,.25,0 -> EER = 0.25
        Assert.Equal(0.25, VerificationMetrics.EqualErrorRate(roc), 12);
        Assert.Equal(0.75, VerificationMetrics.TarAtFar(roc, 1e-2), 12);
        Assert.Equal(1.0, VerificationMetrics.TarAtFar(roc, 0.25), 12);
        Assert.Equal(15.0 / 16, roc.Auc(), 12);
    }

    [Fact]
    public void Eer_interpolates_between_points()
    {
        float[] s = [0.9f, 0.8f];
        int[] y = [0, 1]; // (0,0) (1,0) (1,1): FNR - FPR = 1, 0 -> crossing at the second point: EER 1
        Assert.Equal(1.0, VerificationMetrics.EqualErrorRate(RocCurve.Compute(s, y, false)), 12);
        float[] s2 = [0.9f, 0.8f, 0.7f, 0.6f];
        int[] y2 = [1, 0, 1, 0]; // (0,0) (0,.5) (.5,.5) (.5,1) (1,1): d = 1, .5, 0 -> 0.5
        Assert.Equal(0.5, VerificationMetrics.EqualErrorRate(RocCurve.Compute(s2, y2, false)), 12);
    }

    [Fact]
    public void One_class_only_makes_auc_undefined()
    {
        var ex = Assert.Throws<ArgumentException>(() => VerificationMetrics.RocAuc([0.1f, 0.5f], [1, 1]));
        Assert.Contains("only one class", ex.Message);
        Assert.Throws<ArgumentException>(() => VerificationMetrics.AveragePrecision([0.1f, 0.5f], [0, 0]));
        // decision figures stay defined (precision 0 when nothing is predicted positive)
        var m = ThresholdMetrics.Compute([0.1f, 0.5f], [0, 0], 0.9);
        Assert.Equal(1.0, m.Accuracy);
        Assert.Equal(0.0, m.Precision);
    }

    [Fact]
    public void Empty_or_malformed_pairs_are_rejected()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => ThresholdMetrics.Compute([], [], 0)).Message);
        Assert.Contains("0 or 1", Assert.Throws<ArgumentException>(() => ThresholdMetrics.Compute([0.5f], [2], 0)).Message);
        Assert.Contains("2 scores but 1 labels", Assert.Throws<ArgumentException>(() => ThresholdMetrics.Compute([0.5f, 1], [1], 0)).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => VerificationMetrics.RocAuc([float.NaN, 1], [0, 1])).Message);
    }

    [Fact]
    public void Pairs_from_classes_are_scored_by_cosine_and_labelled_by_class()
    {
        var x = Tensor.FromArray([1, 0, 2, 0, 0, 3], 3, 2);
        var all = VerificationPairs.All(x, [4, 4, 7]);
        Assert.Equal([1f, 0f, 0f], all.Scores);
        Assert.Equal([1, 0, 0], all.Labels);
        var (big, labels) = Synthetic.Clusters(seed: 8, perClass: 10, classes: 3, dim: 5, spread: 0.5f);
        var sampled = VerificationPairs.Sample(big, labels, 101, seed: 2);
        Assert.Equal(51, sampled.Positives);
        Assert.Equal(sampled.Scores, VerificationPairs.Sample(big, labels, 101, seed: 2).Scores);
        var single = VerificationPairs.Sample(big, [.. Enumerable.Repeat(1, 30)], 10, seed: 2);
        Assert.Equal(10, single.Positives);
    }

    [Fact]
    public void Evaluate_picks_the_threshold_on_validation_and_reports_on_test()
    {
        var (x, labels) = Synthetic.Clusters(seed: 9, perClass: 40, classes: 4, dim: 8, spread: 0.2f);
        var result = PairVerification.Evaluate(VerificationPairs.Sample(x, labels, 2000, seed: 1), seed: 3);
        Assert.True(result.RocAuc > 0.99, $"auc {result.RocAuc}");
        Assert.True(result.Test.F1 > 0.95, $"f1 {result.Test.F1}");
        Assert.Equal(result.Validation.Threshold, result.Test.Threshold);
        Assert.Equal(2, result.TarAtFar.Count);
        Assert.Equal(1000, result.PositiveCount + result.NegativeCount);
        Assert.True(result.EqualErrorRate < 0.05);
    }

    [Fact]
    public void Given_pairs_are_scored_by_cosine_and_out_of_range_rows_are_named()
    {
        var x = Tensor.FromArray([1, 0, 0, 2, 3, 3], 3, 2);
        var scores = VerificationPairs.Score(x, [new TestPair(0, 1, false), new TestPair(1, 2, true)]);
        Assert.Equal([0f, MathF.Sqrt(0.5f)], scores.Scores, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal([0, 1], scores.Labels);
        Assert.Contains("pair 1 is (2, 3), outside the 3", Assert.Throws<ArgumentException>(() => VerificationPairs.Score(x, [new TestPair(0, 1, true), new TestPair(2, 3, false)])).Message);
    }
}
