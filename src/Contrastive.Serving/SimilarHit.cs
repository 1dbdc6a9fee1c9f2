using System.Text.Json.Serialization;

namespace Contrastive.Serving;

/// <summary>One gallery item found by <c>/similar</c>.</summary>
/// <param name="Index">Its row in the gallery's data (the row of <c>contrastive embed</c>'s output for the same data and split).</param>
/// <param name="Similarity">Cosine similarity to the query.</param>
/// <param name="Label">Its class name (or index), when the gallery is labelled.</param>
/// <param name="Text">Its text, when the gallery is a text run's texts (left out of the JSON otherwise).</param>
public sealed record SimilarHit(int Index, float Similarity, string? Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null);
