namespace Contrastive.Data.Formats.Images;

/// <summary>Decodes an image file of any supported format, recognised by its first bytes (not its name).</summary>
public static class ImageDecoder
{
    /// <summary>File extensions an image folder scan picks up (lower case, with the dot).</summary>
    public static IReadOnlySet<string> Extensions { get; } =
        new HashSet<string>([".png", ".pgm", ".ppm", ".pnm", ".jpg", ".jpeg"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Decodes the PNG, PGM/PPM or JPEG file at <paramref name="path"/>.</summary>
    /// <exception cref="DatasetException">The file is missing, of an unknown format, corrupt or unsupported.</exception>
    public static DecodedImage Decode(string path) => Decode(DataFile.ReadRaw(path), path);

    /// <summary>Decodes PNG, PGM/PPM or JPEG bytes; <paramref name="source"/> names them in error messages.</summary>
    /// <exception cref="DatasetException">The bytes are of an unknown format, corrupt or unsupported.</exception>
    public static DecodedImage Decode(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.AsSpan().StartsWith(PngChunks.Signature)) return PngDecoder.Decode(bytes, source);
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return JpegDecoder.Decode(bytes, source);
        if (bytes.Length >= 2 && bytes[0] == 'P' && char.IsAsciiDigit((char)bytes[1])) return PnmDecoder.Decode(bytes, source);
        throw new DatasetException(source,
            $"unrecognised image format (first bytes {Convert.ToHexString(bytes.AsSpan(0, Math.Min(4, bytes.Length)))}); supported: PNG, PGM/PPM (P2, P3, P5, P6), JPEG");
    }
}
