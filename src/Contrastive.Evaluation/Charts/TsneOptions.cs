namespace Contrastive.Evaluation.Charts;

/// <summary>Settings of <see cref="Tsne"/>.</summary>
public readonly record struct TsneOptions()
{
    /// <summary>Target perplexity (effective neighbours); clamped to (N - 1) / 3 for small N.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Gradient-descent iterations.</summary>
    public int Iterations { get; init; } = 500;

    /// <summary>Iterations at the start with P multiplied by <see cref="Exaggeration"/> (and momentum 0.5).</summary>
    public int ExaggerationIterations { get; init; } = 125;

    /// <summary>Early exaggeration factor.</summary>
    public double Exaggeration { get; init; } = 12;

    /// <summary>Seed of the initial layout.</summary>
    public ulong Seed { get; init; }

    /// <summary>Refuse more points than this: exact t-SNE costs O(N²) memory and time per iteration.</summary>
    public int MaxPoints { get; init; } = 5000;
}
