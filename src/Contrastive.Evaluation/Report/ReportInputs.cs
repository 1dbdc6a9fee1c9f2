using Contrastive.Evaluation.Charts;
using Contrastive.Evaluation.Health;

namespace Contrastive.Evaluation.Report;

/// <summary>The collapse monitor's check of one epoch, as the report draws it.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Status">ok, warning or collapsed.</param>
/// <param name="Message">The monitor's explanation.</param>
/// <param name="StdRatio">Mean per-dimension std of the normalised probe embeddings times sqrt(D).</param>
/// <param name="EffectiveRankFraction">Effective rank divided by D.</param>
/// <param name="Uniformity">Uniformity (t = 2).</param>
/// <param name="Alignment">Alignment of two views (alpha = 2), when measured.</param>
public sealed record EpochHealth(int Epoch, string Status, string Message, double StdRatio, double EffectiveRankFraction,
    double Uniformity, double? Alignment)
{
    /// <summary>The figures of a <see cref="CollapseCheck"/>.</summary>
    public static EpochHealth Of(CollapseCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var h = check.Health;
        return new EpochHealth(check.Epoch, check.Status.ToString().ToLowerInvariant(), check.Message, h.StdRatio,
            h.EffectiveRank / h.Dim, h.Uniformity, h.Alignment);
    }
}

/// <summary>Curves recorded during training, drawn by the report when present.</summary>
public sealed record TrainingCurves
{
    /// <summary>Training loss per optimiser step.</summary>
    public IReadOnlyList<double> StepLoss { get; init; } = [];

    /// <summary>Learning rate per optimiser step.</summary>
    public IReadOnlyList<double> StepLearningRate { get; init; } = [];

    /// <summary>kNN top-1 accuracy per epoch.</summary>
    public IReadOnlyList<double> EpochKnnAccuracy { get; init; } = [];

    /// <summary>Zero-shot accuracy per epoch (CLIP towers on labeled data), or empty.</summary>
    public IReadOnlyList<double> EpochZeroShotAccuracy { get; init; } = [];

    /// <summary>Collapse-monitor checks per epoch.</summary>
    public IReadOnlyList<EpochHealth> Health { get; init; } = [];
}

/// <summary>What the report shows beyond the evaluation figures: configuration, curves, embeddings and images.</summary>
public sealed record ReportInputs
{
    /// <summary>Report title.</summary>
    public string Title { get; init; } = "Contrastive.NET evaluation report";

    /// <summary>Run configuration shown as a table (method, model, hyper-parameters, data...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Config { get; init; } = [];

    /// <summary>Class names by id, or null for numbers.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Test embeddings for the similarity histogram, projections and neighbour grid (null: those are left out).</summary>
    public EmbeddingMatrix? TestEmbeddings { get; init; }

    /// <summary>Labels of <see cref="TestEmbeddings"/>.</summary>
    public int[]? TestLabels { get; init; }

    /// <summary>The image of test row i (for the neighbour grid), or null to leave the grid out.</summary>
    public Func<int, ImageTile>? TestImage { get; init; }

    /// <summary>Training curves, or null.</summary>
    public TrainingCurves? Training { get; init; }

    /// <summary>Points in the PCA and t-SNE views (seeded subsample).</summary>
    public int ProjectionPoints { get; init; } = 1000;

    /// <summary>t-SNE settings.</summary>
    public TsneOptions Tsne { get; init; } = new();

    /// <summary>Query rows of the neighbour grid and neighbours per query.</summary>
    public (int Queries, int Neighbors) NeighborGrid { get; init; } = (6, 8);

    /// <summary>Seed of subsampling and pair sampling.</summary>
    public ulong Seed { get; init; }
}
