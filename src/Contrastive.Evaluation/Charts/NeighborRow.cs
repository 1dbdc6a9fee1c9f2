namespace Contrastive.Evaluation.Charts;

/// <summary>One row of a neighbour grid: a query image and its nearest neighbours, best first.</summary>
/// <param name="Query">The query image.</param>
/// <param name="Neighbors">Its neighbours.</param>
public sealed record NeighborRow(ImageTile Query, IReadOnlyList<ImageTile> Neighbors);
