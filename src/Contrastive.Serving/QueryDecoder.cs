using Contrastive.Tensors;

namespace Contrastive.Serving;

/// <summary>Turns the items of a request into the model's input batch: images for an image encoder, feature rows
/// for a table encoder. Each kind rejects the other with a message saying what this model takes.</summary>
public abstract class QueryDecoder
{
    /// <summary>What the model takes, e.g. "1x28x28 images" (shown by /healthz and in errors).</summary>
    public abstract string InputDescription { get; }

    /// <summary>The input batch for base64-encoded image files (PNG, PGM/PPM or JPEG), one per item.</summary>
    /// <exception cref="QueryException">An item is not valid base64 or not a decodable image, or the model takes rows.</exception>
    public virtual Tensor DecodeImages(IReadOnlyList<string> images) =>
        throw new QueryException($"this model takes {InputDescription}, not images; send \"rows\"");

    /// <summary>The input batch for raw feature rows, one per item.</summary>
    /// <exception cref="QueryException">A row has the wrong length or a non-finite value, or the model takes images.</exception>
    public virtual Tensor DecodeRows(IReadOnlyList<float[]> rows) =>
        throw new QueryException($"this model takes {InputDescription}, not feature rows; send \"images\"");
}
