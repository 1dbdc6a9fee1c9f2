using Contrastive.Evaluation.Charts;

namespace Contrastive.Evaluation.Report;

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
