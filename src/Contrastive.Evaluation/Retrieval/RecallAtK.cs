namespace Contrastive.Evaluation.Retrieval;

/// <summary>Recall@k: the fraction of queries with at least one same-label item among their k nearest.</summary>
/// <param name="K">The cut-off.</param>
/// <param name="Value">The fraction, over all queries.</param>
public sealed record RecallAtK(int K, double Value);
