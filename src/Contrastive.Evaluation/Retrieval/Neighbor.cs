namespace Contrastive.Evaluation.Retrieval;

/// <summary>One search hit: the row of the index and its cosine similarity to the query.</summary>
/// <param name="Index">The row of the indexed embeddings (dataset order).</param>
/// <param name="Similarity">Cosine similarity in [-1, 1].</param>
public readonly record struct Neighbor(int Index, float Similarity);
