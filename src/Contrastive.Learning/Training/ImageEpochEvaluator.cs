using Contrastive.Data;
using Contrastive.Data.Views;
using Contrastive.Evaluation;
using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Health;
using Contrastive.Methods;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>
/// After each epoch: weighted kNN accuracy of the encoder (train set as memory, test set as queries, cosine,
/// votes exp(sim / 0.1)) when labels exist, and the representation health of the projection of a fixed probe batch
/// (two augmented views of the first test images, the same every epoch) checked by a <see cref="CollapseMonitor"/>.
/// </summary>
public sealed class ImageEpochEvaluator : IEpochEvaluator
{
    private readonly ImageDataset _train;
    private readonly ImageDataset _test;
    private readonly int _k;
    private readonly Tensor _probe1;
    private readonly Tensor _probe2;
    private readonly CollapseMonitor _monitor = new();
    private int _epoch;

    /// <summary>Creates the evaluator; the probe views come from <paramref name="views"/> at epoch 0.</summary>
    public ImageEpochEvaluator(ImageDataset train, ImageDataset test, ViewGenerator views, int k, int probeSize = 512)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(views);
        (_train, _test, _k) = (train, test, k);
        var probe = views.Generate(test, Enumerable.Range(0, Math.Min(probeSize, test.Count)).ToArray(), epoch: 0);
        _probe1 = probe.Views[0];
        _probe2 = probe.Views[Math.Min(1, probe.Views.Count - 1)];
    }

    /// <summary>The health checks so far, one per epoch.</summary>
    public IReadOnlyList<CollapseCheck> History => _monitor.History;

    /// <inheritdoc />
    public EpochEvaluation Evaluate(ContrastiveMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        _epoch++;
        method.Train(false);
        double? knn = null;
        if (_train.Labels is not null && _test.Labels is not null)
        {
            var memory = Embedder.Embed(method.Model.Encoder, _train);
            var queries = Embedder.Embed(method.Model.Encoder, _test);
            knn = KnnClassifier.Evaluate(memory, _train.Labels, queries, _test.Labels,
                new KnnOptions { K = Math.Min(_k, _train.Count), Classes = Math.Max(_train.ClassCount, _test.ClassCount) }).Top1;
        }
        Tensor z1, z2;
        using (Autograd.NoGrad())
        {
            z1 = method.Model.Forward(_probe1);
            z2 = method.Model.Forward(_probe2);
        }
        var check = _monitor.Check(_epoch, EmbeddingMatrix.FromTensor(z1), EmbeddingMatrix.FromTensor(z2));
        var h = check.Health;
        return new EpochEvaluation
        {
            KnnAccuracy = knn,
            EmbeddingStd = h.MeanDimStd,
            EffectiveRank = h.EffectiveRank,
            Alignment = h.Alignment,
            Uniformity = h.Uniformity,
            Health = check.Status.ToString().ToLowerInvariant(),
            HealthMessage = check.Message,
            Collapsed = check.Status == CollapseStatus.Collapsed,
        };
    }
}
