namespace Contrastive.Serving;

/// <summary>The decoder of a text run's service: the model takes only texts (embedded by its
/// <see cref="TextQueryEncoder"/>), so images and feature rows are refused with a message saying so.</summary>
/// <param name="maxLength">Tokens per text the encoder reads, [CLS] and [SEP] included (longer texts are cut).</param>
public sealed class TextQueryDecoder(int maxLength) : QueryDecoder
{
    /// <inheritdoc/>
    public override string InputDescription => $"texts (up to {maxLength} tokens)";

    /// <inheritdoc/>
    public override Tensors.Tensor DecodeImages(IReadOnlyList<string> images) =>
        throw new QueryException($"this model takes {InputDescription}, not images; send \"texts\"");

    /// <inheritdoc/>
    public override Tensors.Tensor DecodeRows(IReadOnlyList<float[]> rows) =>
        throw new QueryException($"this model takes {InputDescription}, not feature rows; send \"texts\"");
}
