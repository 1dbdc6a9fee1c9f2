namespace Contrastive.Serving;

/// <summary>The reply of <c>POST /embed</c>: one embedding per item, in request order.</summary>
/// <param name="Dim">The embedding dimension.</param>
/// <param name="Embeddings">The embeddings (not normalised: the encoder's output as <c>contrastive embed</c> writes it).</param>
public sealed record EmbedReply(int Dim, float[][] Embeddings);
