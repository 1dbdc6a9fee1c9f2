namespace Contrastive.Serving;

/// <summary>The reply of <c>POST /embed</c>: one embedding per item, in request order.</summary>
/// <param name="Dim">The embedding dimension.</param>
/// <param name="Embeddings">The embeddings (not normalised: the encoder's output as <c>contrastive embed</c> writes it).</param>
public sealed record EmbedReply(int Dim, float[][] Embeddings);

/// <summary>The reply of <c>POST /similar</c>: for each query, its nearest gallery items, best first.</summary>
/// <param name="Results">One list of hits per query, in request order.</param>
public sealed record SimilarReply(SimilarHit[][] Results);

/// <summary>One gallery item found by <c>/similar</c>.</summary>
/// <param name="Index">Its row in the gallery's data (the row of <c>contrastive embed</c>'s output for the same data and split).</param>
/// <param name="Similarity">Cosine similarity to the query.</param>
/// <param name="Label">Its class name (or index), when the gallery is labelled.</param>
/// <param name="Text">Its text, when the gallery is a text run's texts (left out of the JSON otherwise).</param>
public sealed record SimilarHit(int Index, float Similarity, string? Label,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Text = null);

/// <summary>The reply of <c>GET /healthz</c>: what is being served.</summary>
/// <param name="Status">"ok".</param>
/// <param name="Model">The run's method and architecture.</param>
/// <param name="Input">What <c>/embed</c> and <c>/similar</c> take.</param>
/// <param name="Gallery">Where the searched items came from.</param>
/// <param name="Indexed">How many items are searched.</param>
/// <param name="Dim">The embedding dimension.</param>
public sealed record HealthReply(string Status, string Model, string Input, string Gallery, int Indexed, int Dim);

/// <summary>The reply to a request the service rejects (status 400).</summary>
/// <param name="Error">What was wrong with it.</param>
public sealed record ErrorReply(string Error);
