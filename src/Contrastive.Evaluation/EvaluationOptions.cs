using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Verification;

namespace Contrastive.Evaluation;

/// <summary>What <see cref="Evaluator"/> runs, and how.</summary>
public sealed record EvaluationOptions
{
    /// <summary>kNN settings, or null to skip kNN.</summary>
    public KnnOptions? Knn { get; init; } = new KnnOptions();

    /// <summary>Linear-probe settings, or null to skip the probe.</summary>
    public LinearProbeOptions? LinearProbe { get; init; } = new LinearProbeOptions();

    /// <summary>Test pairs sampled for verification (half positive), or 0 to skip; half choose the threshold, half are scored.</summary>
    public int VerificationPairs { get; init; } = 20_000;

    /// <summary>Test pairs to verify instead of <see cref="VerificationPairs"/> sampled ones, or null to sample.</summary>
    public IReadOnlyList<TestPair>? Pairs { get; init; }

    /// <summary>What the verification threshold maximises.</summary>
    public ThresholdCriterion ThresholdCriterion { get; init; } = ThresholdCriterion.F1;

    /// <summary>Recall@k cut-offs, or an empty list to skip retrieval.</summary>
    public IReadOnlyList<int> RetrievalKs { get; init; } = [1, 5, 10];

    /// <summary>Labelled training samples per class of the label-efficiency view (<see cref="LabelEfficiency"/>; kNN and
    /// the linear probe with the settings above, <see cref="LabelEfficiency.DefaultDraws"/> draws each), or an empty
    /// list to skip it.</summary>
    public IReadOnlyList<int> FewLabelsPerClass { get; init; } = LabelEfficiency.DefaultLabelsPerClass;

    /// <summary>Test rows (seeded subsample) used for the health figures, or 0 to skip them.</summary>
    public int HealthSamples { get; init; } = 2_000;

    /// <summary>Seed of pair sampling and subsampling.</summary>
    public ulong Seed { get; init; }

    /// <summary>The seed of the label-efficiency draws, derived from <see cref="Seed"/>: every few-label figure of an
    /// evaluation (kNN, probe, a supervised baseline) sees the same labelled samples.</summary>
    public ulong FewLabelSeed => Seed + 3;
}
