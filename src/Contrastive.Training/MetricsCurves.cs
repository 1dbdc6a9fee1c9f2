using Contrastive.Evaluation.Report;

namespace Contrastive.Training;

/// <summary>The training curves a report draws, read from a run's per-epoch metrics (<c>metrics.jsonl</c>).</summary>
public static class MetricsCurves
{
    /// <summary>Step losses and learning rates, and per epoch the kNN and zero-shot accuracies and the collapse monitor's checks.</summary>
    public static TrainingCurves From(IReadOnlyList<EpochMetrics> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new TrainingCurves
        {
            StepLoss = metrics.SelectMany(m => m.StepLosses ?? []).ToList(),
            StepLearningRate = metrics.SelectMany(m => m.StepLrs ?? []).ToList(),
            EpochKnnAccuracy = metrics.Where(m => m.KnnAccuracy is not null).Select(m => m.KnnAccuracy!.Value).ToList(),
            EpochZeroShotAccuracy = metrics.Where(m => m.ZeroShotAccuracy is not null).Select(m => m.ZeroShotAccuracy!.Value).ToList(),
            Health = [.. metrics.Where(m => m.Health is not null).Select(Health)],
        };
    }

    private static EpochHealth Health(EpochMetrics m) => new(m.Epoch, m.Health!, m.HealthMessage ?? "", m.StdRatio ?? double.NaN,
        m.EffectiveRank / m.EmbeddingDim ?? double.NaN, m.Uniformity ?? double.NaN, m.Alignment);
}
