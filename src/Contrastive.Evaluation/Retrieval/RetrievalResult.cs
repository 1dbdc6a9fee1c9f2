namespace Contrastive.Evaluation.Retrieval;

/// <summary>Retrieval figures with every embedding as a query against all others (the query itself excluded).</summary>
/// <param name="Queries">Number of queries.</param>
/// <param name="QueriesWithRelevant">Queries with at least one other item of their label (R &gt; 0).</param>
/// <param name="PrecisionAt1">Fraction of queries whose nearest neighbour shares the label.</param>
/// <param name="RecallAtK">Recall@k for each requested k.</param>
/// <param name="MapAtR">MAP@R (Musgrave et al. 2020), over queries with R &gt; 0.</param>
/// <param name="Mrr">Mean reciprocal rank of the first same-label item, over queries with R &gt; 0.</param>
public sealed record RetrievalResult(int Queries, int QueriesWithRelevant, double PrecisionAt1,
    IReadOnlyList<RecallAtK> RecallAtK, double MapAtR, double Mrr);
