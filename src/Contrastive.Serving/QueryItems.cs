namespace Contrastive.Serving;

/// <summary>The body of <c>POST /embed</c>: the items to embed, images, feature rows or (for a CLIP run) texts.</summary>
public record QueryItems
{
    /// <summary>Base64-encoded image files (PNG, PGM/PPM or JPEG), for an image encoder.</summary>
    public IReadOnlyList<string>? Images { get; init; }

    /// <summary>Raw (unstandardised) feature rows in the training CSV's column order, for a table encoder.</summary>
    public IReadOnlyList<float[]>? Rows { get; init; }

    /// <summary>Texts, for a CLIP run: embedded by its text tower into the space of its image embeddings.</summary>
    public IReadOnlyList<string>? Texts { get; init; }
}
