using Contrastive.Data;
using Contrastive.Data.Formats.Images;
using Contrastive.Tensors;

namespace Contrastive.Serving;

/// <summary>Decodes base64 image files and converts them to the encoder's channels and size, exactly as an image
/// folder is loaded for training (alpha dropped, grey/colour converted, bilinear resize, values in [0, 1]).</summary>
/// <param name="channels">The encoder's input channels (1 or 3).</param>
/// <param name="height">The encoder's input height.</param>
/// <param name="width">The encoder's input width.</param>
public sealed class ImageQueryDecoder(int channels, int height, int width) : QueryDecoder
{
    /// <inheritdoc/>
    public override string InputDescription => $"{channels}x{height}x{width} images";

    /// <inheritdoc/>
    public override Tensor DecodeImages(IReadOnlyList<string> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var size = channels * height * width;
        var pixels = new float[images.Count * size];
        for (var i = 0; i < images.Count; i++)
        {
            var source = $"images[{i}]";
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(images[i] ?? throw new QueryException($"{source} is null"));
            }
            catch (FormatException)
            {
                throw new QueryException($"{source} is not valid base64");
            }
            try
            {
                ImageResampler.ToPlanar(ImageDecoder.Decode(bytes, source), channels, height, width, pixels.AsSpan(i * size, size));
            }
            catch (DatasetException e)
            {
                throw new QueryException(e.Message, e);
            }
        }
        return new Tensor(pixels, [images.Count, channels, height, width]);
    }
}
