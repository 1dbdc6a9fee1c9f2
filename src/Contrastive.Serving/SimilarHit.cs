namespace Contrastive.Serving;

/// <summary>One gallery item found by <c>/similar</c>.</summary>
/// <param name="Index">Its position in the gallery (the row of <c>contrastive embed</c>'s output for the same data and split).</param>
/// <param name="Similarity">Cosine similarity to the query.</param>
/// <param name="Label">Its class name (or index), when the gallery is labelled.</param>
public sealed record SimilarHit(int Index, float Similarity, string? Label);
