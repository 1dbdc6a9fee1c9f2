namespace Contrastive.Evaluation.Classification;

/// <summary>Accuracy figures of a classifier on labelled queries.</summary>
/// <param name="Count">Number of queries.</param>
/// <param name="Top1">Fraction whose highest-scoring class is the label (ties: lowest class id).</param>
/// <param name="Top5">Fraction whose label is among the five highest-scoring classes.</param>
/// <param name="PerClassAccuracy">Top-1 accuracy per true class; NaN for a class with no queries.</param>
/// <param name="ConfusionMatrix">Counts [true class][predicted class].</param>
/// <param name="Predictions">Predicted class of every query.</param>
public sealed record ClassificationReport(int Count, double Top1, double Top5, double[] PerClassAccuracy, int[][] ConfusionMatrix, int[] Predictions)
{
    /// <summary>
    /// Builds the report from per-class scores (<paramref name="labels"/>.Length x <paramref name="classes"/>,
    /// row-major). Ranks order classes by score descending, then by class id, as <c>argmax</c> does.
    /// </summary>
    /// <exception cref="ArgumentException">Sizes disagree or a label is outside [0, classes).</exception>
    public static ClassificationReport FromScores(ReadOnlySpan<float> scores, int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), $"class count must be positive, got {classes}");
        if (labels.Length == 0) throw new ArgumentException("no queries: labels are empty", nameof(labels));
        if (scores.Length != labels.Length * classes)
            throw new ArgumentException($"scores have {scores.Length} values but {labels.Length} queries x {classes} classes need {labels.Length * classes}", nameof(scores));
        var confusion = new int[classes][];
        for (var c = 0; c < classes; c++) confusion[c] = new int[classes];
        var predictions = new int[labels.Length];
        int top1 = 0, top5 = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var y = labels[i];
            if ((uint)y >= (uint)classes) throw new ArgumentException($"labels[{i}] = {y} is outside [0, {classes})", nameof(labels));
            var row = scores.Slice(i * classes, classes);
            var best = 0;
            var rank = 0; // classes ranked ahead of the true class
            for (var c = 0; c < classes; c++)
            {
                if (row[c] > row[best]) best = c;
                if (row[c] > row[y] || (row[c] == row[y] && c < y)) rank++;
            }
            predictions[i] = best;
            confusion[y][best]++;
            if (best == y) top1++;
            if (rank < 5) top5++;
        }
        var perClass = new double[classes];
        for (var c = 0; c < classes; c++)
        {
            var total = confusion[c].Sum();
            perClass[c] = total == 0 ? double.NaN : (double)confusion[c][c] / total;
        }
        return new ClassificationReport(labels.Length, (double)top1 / labels.Length, (double)top5 / labels.Length, perClass, confusion, predictions);
    }

    /// <summary>The number of classes: one more than the largest label in any of the sets.</summary>
    internal static int InferClasses(params int[][] labelSets) => labelSets.Max(l => l.Length == 0 ? 0 : l.Max()) + 1;
}
