using System.Numerics.Tensors;
using Contrastive.Gemm;
using Contrastive.Nn;
using Contrastive.Optim;
using Contrastive.Tensors;
using Tensor = Contrastive.Tensors.Tensor;

namespace Contrastive.Evaluation.Classification;

/// <summary>
/// A linear probe: features standardised with the training mean and (unbiased) std + 1e-6, then softmax
/// regression logits = x Wᵀ + b trained with Adam (L2 decay) on cross-entropy, exactly as the bench peer does, through
/// the library's own ops and optimiser.
/// </summary>
public sealed class LinearProbe
{
    private readonly EmbeddingStandardisation _standardisation;
    private readonly float[] _weight, _bias;

    private LinearProbe(EmbeddingStandardisation standardisation, float[] weight, float[] bias, int classes, double[] epochLoss)
    {
        (_standardisation, _weight, _bias, Classes, EpochLoss) = (standardisation, weight, bias, classes, epochLoss);
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>Mean training cross-entropy of every epoch.</summary>
    public IReadOnlyList<double> EpochLoss { get; }

    /// <summary>Trains a probe on <paramref name="features"/> and <paramref name="labels"/>. The features are standardised
    /// with the mean and std of <paramref name="standardiseWith"/> when given (with few labels, the whole unlabelled
    /// training set estimates them far better than ten rows), else of <paramref name="features"/>.</summary>
    /// <exception cref="ArgumentException">Empty input, labels of the wrong length or outside [0, classes), bad options,
    /// or standardisation rows of another dimension.</exception>
    public static LinearProbe Fit(EmbeddingMatrix features, int[] labels, LinearProbeOptions? options = null, EmbeddingMatrix? standardiseWith = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        features.CheckLabels(labels, nameof(labels));
        var o = options ?? new LinearProbeOptions();
        if (o.Epochs < 0 || o.BatchSize < 1 || !(o.LearningRate > 0) || o.WeightDecay < 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"invalid probe options {o}");
        var classes = o.Classes > 0 ? o.Classes : ClassificationReport.InferClasses(labels);
        if (labels.Max() >= classes) throw new ArgumentException($"label {labels.Max()} is outside [0, {classes})", nameof(labels));
        var (n, d) = (features.Count, features.Dim);
        if (standardiseWith is not null && standardiseWith.Dim != d)
            throw new ArgumentException($"standardisation rows have dimension {standardiseWith.Dim}, the features {d}", nameof(standardiseWith));
        var standardisation = EmbeddingStandardisation.Fit(standardiseWith ?? features);
        var x = standardisation.Apply(features);
        var rng = new Rng(o.Seed);
        var weight = Tensor.Parameter(Init.DefaultUniform(rng, d, classes, d).Span, classes, d); // nn.Linear default init
        var bias = Tensor.Parameter(Init.DefaultUniform(rng, d, classes).Span, classes);
        var adam = new Adam([weight, bias], lr: (float)o.LearningRate, weightDecay: (float)o.WeightDecay);
        var batch = Math.Min(o.BatchSize, n);
        var order = Enumerable.Range(0, n).ToArray();
        var shuffle = Rng.Derive(o.Seed, 1);
        var epochLoss = new double[o.Epochs];
        using var _ = Autograd.EnableGrad(); // the probe trains even when its caller embeds under NoGrad
        (float[] Inputs, int[] Targets) full = (new float[batch * d], new int[batch]);
        (float[] Inputs, int[] Targets)? tail = null;
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            shuffle.Shuffle(order.AsSpan());
            double lossSum = 0;
            for (var start = 0; start < n; start += batch)
            {
                var rows = order.AsSpan(start, Math.Min(batch, n - start));
                // Two sizes only (full batches and the last one), so each step refills a kept buffer rather than
                // allocating a large-object array; the previous step's graph is done with it after adam.Step().
                var (xb, targets) = rows.Length == batch ? full : tail ??= (new float[rows.Length * d], new int[rows.Length]);
                for (var r = 0; r < rows.Length; r++)
                {
                    x.AsSpan(rows[r] * d, d).CopyTo(xb.AsSpan(r * d, d));
                    targets[r] = labels[rows[r]];
                }
                adam.ZeroGrad();
                var loss = Ops.CrossEntropy(Ops.Linear(new Tensor(xb, [rows.Length, d]), weight, bias), targets);
                loss.Backward();
                adam.Step();
                lossSum += loss.Item() * rows.Length;
            }
            epochLoss[epoch] = lossSum / n;
        }
        return new LinearProbe(standardisation, weight.ToArray(), bias.ToArray(), classes, epochLoss);
    }

    /// <summary>The logits (rows x classes, row-major) of <paramref name="features"/>.</summary>
    /// <exception cref="ArgumentException">The feature dimension differs from training.</exception>
    public float[] Scores(EmbeddingMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var dim = _standardisation.Mean.Length;
        if (features.Dim != dim)
            throw new ArgumentException($"features have dimension {features.Dim} but the probe was trained on {dim}", nameof(features));
        var logits = new float[features.Count * Classes];
        Logits(_standardisation.Apply(features), features.Count, features.Dim, _weight, _bias, Classes, logits);
        return logits;
    }

    /// <summary>Top-1/top-5 accuracy, per-class accuracy and confusion matrix on labelled features.</summary>
    public ClassificationReport Evaluate(EmbeddingMatrix features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        features.CheckLabels(labels, nameof(labels));
        return ClassificationReport.FromScores(Scores(features), labels, Classes);
    }

    // logits (B x C) = X (B x D) · Wᵀ + b
    private static void Logits(float[] x, int rows, int d, float[] weight, float[] bias, int classes, float[] logits)
    {
        GemmProviders.Current.Sgemm(false, true, rows, classes, d, 1f, x, d, weight, d, 0f, logits, classes);
        for (var r = 0; r < rows; r++) TensorPrimitives.Add(logits.AsSpan(r * classes, classes), bias, logits.AsSpan(r * classes, classes));
    }
}
