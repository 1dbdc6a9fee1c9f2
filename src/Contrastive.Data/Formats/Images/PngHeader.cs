using System.Buffers.Binary;

namespace Contrastive.Data.Formats.Images;

/// <summary>The validated IHDR chunk of a PNG file.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType)
{
    /// <summary>Samples per pixel in the stored data: grey 1, RGB 3, palette index 1, grey+alpha 2, RGBA 4.</summary>
    public int StoredChannels => ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };

    /// <summary>Channels of the decoded image (palette entries expand to RGB).</summary>
    public int DecodedChannels => ColorType == 3 ? 3 : StoredChannels;

    /// <summary>Bytes per filtered scanline, without the filter-type byte.</summary>
    public int Stride => (int)(((long)Width * StoredChannels * BitDepth + 7) / 8);

    /// <summary>The byte distance the filters look back: one whole pixel, at least one byte.</summary>
    public int FilterStep => Math.Max(1, StoredChannels * BitDepth / 8);

    public static PngHeader Parse(ReadOnlySpan<byte> ihdr, string source)
    {
        if (ihdr.Length != 13) throw new DatasetException(source, $"PNG IHDR chunk has {ihdr.Length} bytes, expected 13");
        var width = BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        var height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        int bitDepth = ihdr[8], colorType = ihdr[9], compression = ihdr[10], filter = ihdr[11], interlace = ihdr[12];
        DecodedImage.CheckSize(source, width, height);
        var allowed = colorType switch
        {
            0 => new[] { 1, 2, 4, 8, 16 },
            3 => [1, 2, 4, 8],
            2 or 4 or 6 => [8, 16],
            _ => throw new DatasetException(source, $"PNG IHDR colour type {colorType} is invalid (valid: 0, 2, 3, 4, 6)"),
        };
        if (Array.IndexOf(allowed, bitDepth) < 0)
            throw new DatasetException(source, $"PNG IHDR bit depth {bitDepth} is invalid for colour type {colorType} (valid: {string.Join(", ", allowed)})");
        if (bitDepth == 16)
            throw new DatasetException(source, "unsupported PNG: IHDR bit depth 16 (only 1, 2, 4 and 8-bit images are decoded); convert it to 8 bits");
        if (compression != 0) throw new DatasetException(source, $"PNG IHDR compression method {compression} is invalid (must be 0)");
        if (filter != 0) throw new DatasetException(source, $"PNG IHDR filter method {filter} is invalid (must be 0)");
        if (interlace == 1)
            throw new DatasetException(source, "unsupported PNG: IHDR interlace method 1 (Adam7); re-save the image without interlacing");
        if (interlace != 0) throw new DatasetException(source, $"PNG IHDR interlace method {interlace} is invalid (must be 0 or 1)");
        return new PngHeader((int)width, (int)height, bitDepth, colorType);
    }
}
