using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Health;
using Contrastive.Evaluation.Retrieval;
using Contrastive.Evaluation.Verification;

namespace Contrastive.Evaluation;

/// <summary>Runs the standard evaluation of frozen embeddings: kNN, linear probe, verification, retrieval and health.</summary>
public static class Evaluator
{
    /// <summary>Evaluates test embeddings against train embeddings (kNN memory, probe training set).</summary>
    /// <exception cref="ArgumentException">Empty input, mismatched dimensions or labels.</exception>
    public static EvaluationResult Run(EmbeddingMatrix train, int[] trainLabels, EmbeddingMatrix test, int[] testLabels, EvaluationOptions? options = null)
    {
        CheckInputs(train, trainLabels, test, testLabels);
        var o = options ?? new EvaluationOptions();
        var (knn, probe) = Classify(train, trainLabels, test, testLabels, o);
        var pairs = o.Pairs is { } given ? VerificationPairs.Score(test, given)
            : o.VerificationPairs > 0 ? VerificationPairs.Sample(test, testLabels, o.VerificationPairs, o.Seed) : null;
        var verification = pairs is null ? null : PairVerification.Evaluate(pairs, o.Seed + 1, o.ThresholdCriterion);
        var retrieval = o.RetrievalKs.Count > 0 && test.Count >= 2 ? RetrievalEvaluator.Evaluate(test, testLabels, o.RetrievalKs) : null;
        HealthReport? health = null;
        if (o.HealthSamples > 0)
        {
            var rows = Subsample.Indices(test.Count, o.HealthSamples, o.Seed + 2);
            health = HealthReport.Compute(Subsample.Rows(test, rows), labels: [.. rows.Select(r => testLabels[r])]);
        }
        return new EvaluationResult(train.Count, test.Count, test.Dim, knn, probe, verification, retrieval, health,
            FewLabels: FewLabels(train, trainLabels, test, testLabels, o));
    }

    /// <summary>Runs the classification protocols of <paramref name="options"/> (kNN, linear probe) on raw inputs:
    /// the baseline a learned encoder must beat, evaluated exactly as the embeddings are.</summary>
    /// <param name="name">What the inputs are, for tables ("raw pixels").</param>
    /// <param name="train">Training inputs, one row per sample.</param>
    /// <param name="trainLabels">Their labels.</param>
    /// <param name="test">Test inputs.</param>
    /// <param name="testLabels">Their labels.</param>
    /// <param name="options">The options of the embeddings' evaluation, so that the figures compare.</param>
    /// <exception cref="ArgumentException">Empty input, mismatched dimensions or labels.</exception>
    public static BaselineEvaluation RunBaseline(string name, EmbeddingMatrix train, int[] trainLabels, EmbeddingMatrix test, int[] testLabels,
        EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        CheckInputs(train, trainLabels, test, testLabels);
        var (knn, probe) = Classify(train, trainLabels, test, testLabels, options ?? new EvaluationOptions());
        return new BaselineEvaluation(name, train.Dim, knn, probe, FewLabels(train, trainLabels, test, testLabels, options ?? new EvaluationOptions()));
    }

    private static void CheckInputs(EmbeddingMatrix train, int[] trainLabels, EmbeddingMatrix test, int[] testLabels)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        train.CheckLabels(trainLabels, nameof(trainLabels));
        test.CheckLabels(testLabels, nameof(testLabels));
        if (train.Dim != test.Dim) throw new ArgumentException($"train embeddings have dimension {train.Dim} but test embeddings {test.Dim}", nameof(test));
    }

    /// <summary>The label-efficiency view when the options ask for it and for both kNN and the probe.</summary>
    private static IReadOnlyList<FewLabelAccuracy>? FewLabels(EmbeddingMatrix train, int[] trainLabels, EmbeddingMatrix test, int[] testLabels,
        EvaluationOptions o) =>
        o.FewLabelsPerClass.Count > 0 && o.Knn is { } knn && o.LinearProbe is { } probe
            ? LabelEfficiency.Evaluate(train, trainLabels, test, testLabels, knn, probe, o.FewLabelsPerClass, seed: o.FewLabelSeed)
            : null;

    private static (KnnEvaluation? Knn, LinearProbeEvaluation? Probe) Classify(EmbeddingMatrix train, int[] trainLabels, EmbeddingMatrix test, int[] testLabels,
        EvaluationOptions o)
    {
        var classes = ClassificationReport.InferClasses(trainLabels, testLabels);
        KnnEvaluation? knn = null;
        if (o.Knn is { } k)
        {
            var settings = k with { Classes = k.Classes > 0 ? k.Classes : classes };
            knn = new KnnEvaluation(Math.Min(settings.K, train.Count), settings.Temperature, KnnClassifier.Evaluate(train, trainLabels, test, testLabels, settings));
        }
        LinearProbeEvaluation? probe = null;
        if (o.LinearProbe is { } p)
        {
            var settings = p with { Classes = p.Classes > 0 ? p.Classes : classes };
            var model = LinearProbe.Fit(train, trainLabels, settings);
            probe = new LinearProbeEvaluation(settings, model.EpochLoss, model.Evaluate(test, testLabels));
        }
        return (knn, probe);
    }
}
