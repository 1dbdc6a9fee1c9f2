using Contrastive.Tensors;

namespace Contrastive.Evaluation.Classification;

/// <summary>
/// The label-efficiency view of an embedding, the reason to learn one without labels: kNN and a linear probe that see
/// only n labelled training samples per class (n = 1, 10, 100 by default), drawn with a seed per draw and scored on
/// the whole test set, averaged over draws. A class with fewer than n training samples gives all it has. The probe
/// standardises with the whole training set's statistics, which need no labels.
/// </summary>
public static class LabelEfficiency
{
    /// <summary>The labels per class measured by default.</summary>
    public static readonly IReadOnlyList<int> DefaultLabelsPerClass = [1, 10, 100];

    /// <summary>Draws averaged per size by default.</summary>
    public const int DefaultDraws = 5;

    /// <summary>Scores <paramref name="train"/> / <paramref name="test"/> embeddings at each size of <paramref name="labelsPerClass"/>.</summary>
    /// <exception cref="ArgumentException">Empty input, mismatched dimensions or labels, a size or draw count below 1.</exception>
    public static IReadOnlyList<FewLabelAccuracy> Evaluate(EmbeddingMatrix train, int[] trainLabels, EmbeddingMatrix test, int[] testLabels,
        KnnOptions knn, LinearProbeOptions probe, IReadOnlyList<int>? labelsPerClass = null, int draws = DefaultDraws, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        train.CheckLabels(trainLabels, nameof(trainLabels));
        test.CheckLabels(testLabels, nameof(testLabels));
        var sizes = labelsPerClass ?? DefaultLabelsPerClass;
        if (sizes.Any(n => n < 1)) throw new ArgumentException($"labels per class must be at least 1, got {string.Join(", ", sizes)}", nameof(labelsPerClass));
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), $"draws must be at least 1, got {draws}");
        var classes = ClassificationReport.InferClasses(trainLabels, testLabels);
        var byClass = ByClass(trainLabels, classes);

        var results = new List<FewLabelAccuracy>();
        foreach (var n in sizes)
        {
            double knnSum = 0, probeSum = 0;
            for (var draw = 0; draw < draws; draw++)
            {
                var rows = Draw(byClass, n, draw, seed);
                var memory = Subsample.Rows(train, rows);
                var labels = Array.ConvertAll(rows, i => trainLabels[i]);
                var knnSettings = knn with { K = Math.Min(knn.K, n), Classes = classes };
                knnSum += KnnClassifier.Evaluate(memory, labels, test, testLabels, knnSettings).Top1;
                var model = LinearProbe.Fit(memory, labels, probe with { Classes = classes, Seed = probe.Seed + (ulong)draw }, standardiseWith: train);
                probeSum += model.Evaluate(test, testLabels).Top1;
            }
            results.Add(new FewLabelAccuracy(n, draws, knnSum / draws, probeSum / draws));
        }
        return results;
    }

    /// <summary>The training rows of draw <paramref name="draw"/> with <paramref name="perClass"/> labels per class: the
    /// samples <see cref="Evaluate"/> with the same <paramref name="seed"/> trains on, for a baseline that must see the same labels.</summary>
    /// <exception cref="ArgumentException">No labels, or a size or draw below its minimum.</exception>
    public static int[] DrawRows(int[] trainLabels, int perClass, int draw, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(trainLabels);
        if (trainLabels.Length == 0) throw new ArgumentException("few-label draws need labelled training samples", nameof(trainLabels));
        if (perClass < 1) throw new ArgumentOutOfRangeException(nameof(perClass), $"labels per class must be at least 1, got {perClass}");
        if (draw < 0) throw new ArgumentOutOfRangeException(nameof(draw), $"the draw index must not be negative, got {draw}");
        return Draw(ByClass(trainLabels, trainLabels.Max() + 1), perClass, draw, seed);
    }

    private static int[][] ByClass(int[] labels, int classes) =>
        [.. Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray())];

    /// <summary>Up to <paramref name="perClass"/> distinct rows of every class, shuffled by a generator derived from the seed, size and draw.</summary>
    private static int[] Draw(int[][] byClass, int perClass, int draw, ulong seed)
    {
        var rng = Rng.Derive(seed, perClass, draw);
        var rows = new List<int>();
        foreach (var members in byClass)
        {
            var shuffled = (int[])members.Clone();
            rng.Shuffle(shuffled.AsSpan());
            rows.AddRange(shuffled.Take(perClass));
        }
        return [.. rows];
    }
}
