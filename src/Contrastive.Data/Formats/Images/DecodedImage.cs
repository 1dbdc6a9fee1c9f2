namespace Contrastive.Data.Formats.Images;

/// <summary>
/// A decoded 8-bit image: <see cref="Height"/> rows of <see cref="Width"/> pixels of <see cref="Channels"/>
/// interleaved samples (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA), the layout PNG and JPEG use.
/// </summary>
public sealed class DecodedImage
{
    /// <summary>The largest image accepted (pixels), so a hostile header cannot force a huge allocation.</summary>
    public const long MaxPixels = 1L << 28;

    private readonly byte[] _pixels;

    /// <summary>Wraps <paramref name="pixels"/> (height * width * channels bytes, row-major, interleaved).</summary>
    public DecodedImage(byte[] pixels, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0 || height <= 0 || channels is < 1 or > 4)
            throw new ArgumentException($"invalid image geometry {width}x{height} with {channels} channels");
        if (pixels.Length != (long)width * height * channels)
            throw new ArgumentException($"{pixels.Length} bytes for a {width}x{height} image of {channels} channels");
        _pixels = pixels;
        Width = width;
        Height = height;
        Channels = channels;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Interleaved samples per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>Whether the image has colour (RGB or RGBA).</summary>
    public bool IsColor => Channels >= 3;

    /// <summary>The samples, row-major, channels interleaved.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>
    /// An 8-bit image from planar float pixels in [0, 1] (C, H, W) as an <see cref="ImageDataset"/> stores them;
    /// values are clamped and rounded to the nearest of 0..255.
    /// </summary>
    public static DecodedImage FromPlanar(ReadOnlySpan<float> chw, int channels, int height, int width)
    {
        if (chw.Length != (long)channels * height * width)
            throw new ArgumentException($"{chw.Length} values for a {channels}x{height}x{width} image");
        var pixels = new byte[chw.Length];
        var plane = height * width;
        for (var c = 0; c < channels; c++)
            for (var i = 0; i < plane; i++)
                pixels[i * channels + c] = (byte)MathF.Round(Math.Clamp(chw[c * plane + i], 0f, 1f) * 255f);
        return new DecodedImage(pixels, width, height, channels);
    }

    internal static void CheckSize(string source, long width, long height)
    {
        if (width <= 0 || height <= 0) throw new DatasetException(source, $"image size {width}x{height} is empty");
        if (width * height > MaxPixels)
            throw new DatasetException(source, $"image size {width}x{height} exceeds the limit of {MaxPixels} pixels");
    }
}
