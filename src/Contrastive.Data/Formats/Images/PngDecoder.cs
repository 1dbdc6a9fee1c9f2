using System.IO.Compression;

namespace Contrastive.Data.Formats.Images;

/// <summary>
/// Decodes non-interlaced PNG images of bit depth 1-8 in every colour type (grey, grey+alpha, RGB, RGBA,
/// palette), verifying every chunk CRC and the image size; 16-bit and Adam7-interlaced files are rejected
/// with an "unsupported" error naming the field. Ancillary chunks (including tRNS and gAMA) are ignored.
/// </summary>
public static class PngDecoder
{
    /// <summary>Decodes the PNG file at <paramref name="path"/>.</summary>
    /// <exception cref="DatasetException">The file is missing, corrupt or unsupported; the message names it and the problem.</exception>
    public static DecodedImage Decode(string path) => Decode(DataFile.ReadRaw(path), path);

    /// <summary>Decodes PNG bytes; <paramref name="source"/> names them in error messages.</summary>
    public static DecodedImage Decode(byte[] png, string source)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(PngChunks.Signature))
            throw new DatasetException(source, "not a PNG file (bad signature)");
        var first = PngChunks.Read(png, 8, source);
        if (first.Type != "IHDR") throw new DatasetException(source, $"PNG starts with chunk {first.Type}, expected IHDR");
        var header = PngHeader.Parse(png.AsSpan(first.Offset, first.Length), source);
        byte[]? palette = null;
        using var compressed = new MemoryStream();
        var offset = first.Offset + first.Length + 4;
        while (true)
        {
            var chunk = PngChunks.Read(png, offset, source);
            offset = chunk.Offset + chunk.Length + 4;
            var data = png.AsSpan(chunk.Offset, chunk.Length);
            if (chunk.Type == "IEND") break;
            if (chunk.Type == "IDAT") compressed.Write(data);
            else if (chunk.Type == "PLTE") palette = ReadPalette(data, source);
            else if (char.IsAsciiLetterUpper(chunk.Type[0]))
                throw new DatasetException(source, $"unknown critical PNG chunk {chunk.Type} at offset {chunk.Offset - 8}");
        }
        if (header.ColorType == 3 && palette is null) throw new DatasetException(source, "palette PNG (colour type 3) has no PLTE chunk");
        if (compressed.Length == 0) throw new DatasetException(source, "PNG has no IDAT chunk");
        var raw = Inflate(compressed, header, source);
        Unfilter(raw, header, source);
        return new DecodedImage(PngSamples.Expand(raw, header, palette, source), header.Width, header.Height, header.DecodedChannels);
    }

    private static byte[] ReadPalette(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length == 0 || data.Length % 3 != 0 || data.Length > 256 * 3)
            throw new DatasetException(source, $"PNG PLTE chunk has {data.Length} bytes, expected 3 per entry and 1-256 entries");
        return data.ToArray();
    }

    /// <summary>zlib-inflates the concatenated IDAT data into exactly height * (1 + stride) bytes.</summary>
    private static byte[] Inflate(MemoryStream compressed, PngHeader header, string source)
    {
        var expected = (long)header.Height * (1 + header.Stride);
        var raw = new byte[expected];
        compressed.Position = 0;
        int total = 0;
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            int n;
            while (total < raw.Length && (n = zlib.Read(raw, total, raw.Length - total)) > 0) total += n;
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException(source, $"corrupt zlib data in PNG IDAT: {e.Message}", e);
        }
        if (total < expected)
            throw new DatasetException(source, $"truncated PNG image data: IDAT inflates to {total} bytes, a {header.Width}x{header.Height} image needs {expected}");
        return raw;
    }

    private static void Unfilter(byte[] raw, PngHeader header, string source)
    {
        var stride = header.Stride;
        var zeros = new byte[stride];
        for (var y = 0; y < header.Height; y++)
        {
            var start = y * (stride + 1);
            var row = raw.AsSpan(start + 1, stride);
            var prior = y == 0 ? zeros : raw.AsSpan(start - stride, stride);
            if (!PngFilters.TryUnfilter(raw[start], row, prior, header.FilterStep))
                throw new DatasetException(source, $"PNG row {y} has invalid filter type {raw[start]} (valid: 0-4)");
        }
    }
}
