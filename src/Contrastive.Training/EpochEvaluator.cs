using Contrastive.Data;
using Contrastive.Data.Loading;
using Contrastive.Data.Views;
using Contrastive.Evaluation;
using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Health;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Multimodal;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>
/// After each epoch: weighted kNN accuracy of the encoder (train set as memory, test set as queries, cosine,
/// votes exp(sim / 0.1)) when labels exist, and the representation health of the projection of a fixed probe batch
/// (two views of the first test samples, the same every epoch) checked by a <see cref="CollapseMonitor"/>; for CLIP
/// towers with a <see cref="ZeroShotEvaluation"/>, also the zero-shot accuracy.
/// The same logic serves every modality (<see cref="Of"/>).
/// </summary>
public sealed class EpochEvaluator : IEpochEvaluator
{
    private readonly EvaluationData _data;
    private readonly int _k;
    private readonly Tensor _probe1;
    private readonly Tensor _probe2;
    private readonly ZeroShotEvaluation? _zeroShot;
    private readonly CollapseMonitor _monitor = new();

    /// <summary>Creates the evaluator over <paramref name="data"/> with the probe views of <paramref name="probe"/>
    /// (its first two views; a single view is compared with itself) and, for CLIP, <paramref name="zeroShot"/>.</summary>
    public EpochEvaluator(EvaluationData data, ViewBatch probe, int k, ZeroShotEvaluation? zeroShot = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(probe);
        (_data, _k, _zeroShot) = (data, k, zeroShot);
        _probe1 = probe.Views[0];
        _probe2 = probe.Views[Math.Min(1, probe.Views.Count - 1)];
    }

    /// <summary>The evaluator of <paramref name="data"/> whose probe is the views <paramref name="testViews"/> make of the
    /// first <paramref name="probeSize"/> test samples at epoch 0, batch 0.</summary>
    public static EpochEvaluator Of(EvaluationData data, IBatchViews testViews, int k, int probeSize = 512, ZeroShotEvaluation? zeroShot = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(testViews);
        return new EpochEvaluator(data, testViews.Make(new BatchJob(0, 0, 0, ProbeRows(testViews.Count, probeSize), 0f)), k, zeroShot);
    }

    /// <inheritdoc />
    public EpochMetrics Evaluate(ContrastiveMethod method, IReadOnlyList<EpochMetrics> earlier)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(earlier);
        if (_monitor.History.Count == 0 && earlier.Count > 0 && earlier[0].StdRatio is { } first) _monitor.Resume(first);
        method.Train(false);
        double? knn = null;
        if (_data.IsLabeled)
        {
            var memory = _data.EmbedTrain(method.Model.Encoder);
            var queries = _data.EmbedTest(method.Model.Encoder);
            knn = KnnClassifier.Evaluate(memory, _data.TrainLabels!, queries, _data.TestLabels!,
                new KnnOptions { K = Math.Min(_k, _data.TrainCount), Classes = _data.ClassCount }).Top1;
        }
        Tensor z1, z2;
        using (Autograd.NoGrad())
        {
            z1 = method.Model.Forward(_probe1);
            z2 = method.Model.Forward(_probe2);
        }
        var check = _monitor.Check(earlier.Count + 1, EmbeddingMatrix.FromTensor(z1), EmbeddingMatrix.FromTensor(z2));
        var h = check.Health;
        return new EpochMetrics
        {
            KnnAccuracy = knn,
            ZeroShotAccuracy = _zeroShot is { } zeroShot && method.Model.Encoder is TwoTowerModel towers ? zeroShot.Accuracy(towers) : null,
            EmbeddingStd = h.MeanDimStd,
            StdRatio = h.StdRatio,
            EmbeddingDim = h.Dim,
            EffectiveRank = h.EffectiveRank,
            Alignment = h.Alignment,
            Uniformity = h.Uniformity,
            Health = check.Status.ToString().ToLowerInvariant(),
            HealthMessage = check.Message,
        };
    }

    private static int[] ProbeRows(int count, int probeSize) => Enumerable.Range(0, Math.Min(probeSize, count)).ToArray();
}
