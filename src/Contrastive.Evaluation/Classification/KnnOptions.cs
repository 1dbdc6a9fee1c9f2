namespace Contrastive.Evaluation.Classification;

/// <summary>Settings of the weighted kNN classifier (defaults: the bench spec, k = 200, T = 0.1).</summary>
public readonly record struct KnnOptions()
{
    /// <summary>Neighbours that vote; clamped to the memory size.</summary>
    public int K { get; init; } = 200;

    /// <summary>Vote temperature T: a neighbour with cosine similarity s votes exp(s / T).</summary>
    public double Temperature { get; init; } = 0.1;

    /// <summary>Number of classes, or 0 to take one more than the largest label seen.</summary>
    public int Classes { get; init; }

    /// <summary>The fraction of the smallest class that <see cref="NeighboursFor"/> lets vote: Wu et al.'s 200 neighbours
    /// over CIFAR-10's 5,000 training images per class.</summary>
    public const double ClassFraction = 200.0 / 5000.0;

    /// <summary>
    /// The k that keeps the bench protocol's ratio of neighbours to class size on other data:
    /// k = round(<see cref="ClassFraction"/> x the smallest class's training count), between 5 and 200. Full
    /// Fashion-MNIST (6,000 per class) keeps k = 200; the 8,000-image demo (800 per class) takes 32; a folder with
    /// 144 images per class takes 6. A fixed k = 200 there would let far more other-class than same-class images
    /// vote for the hard classes.
    /// </summary>
    /// <exception cref="ArgumentException">No labels were given.</exception>
    public static int NeighboursFor(IReadOnlyCollection<int> trainLabels)
    {
        ArgumentNullException.ThrowIfNull(trainLabels);
        if (trainLabels.Count == 0) throw new ArgumentException("kNN needs labelled training samples to size k", nameof(trainLabels));
        var smallestClass = trainLabels.GroupBy(label => label).Min(g => g.Count());
        return Math.Clamp((int)Math.Round(ClassFraction * smallestClass), 5, 200);
    }
}
