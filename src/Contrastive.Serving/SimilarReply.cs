namespace Contrastive.Serving;

/// <summary>The reply of <c>POST /similar</c>: for each query, its nearest gallery items, best first.</summary>
/// <param name="Results">One list of hits per query, in request order.</param>
public sealed record SimilarReply(SimilarHit[][] Results);
