using System.Buffers.Binary;
using System.IO.Compression;
using Contrastive.Data.Formats.Images;

namespace Contrastive.Data.Tests;

/// <summary>Builders of test images and files, independent of the decoders under test.</summary>
internal static class Fixtures
{
    /// <summary>A deterministic image with varied values (a gradient plus a hash) so every filter has work to do.</summary>
    public static DecodedImage Pattern(int width, int height, int channels, int seed = 1)
    {
        var pixels = new byte[width * height * channels];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 + (i * i * (seed + 13) >> 3) + seed);
        return new DecodedImage(pixels, width, height, channels);
    }

    /// <summary>A binary or ASCII PGM/PPM file.</summary>
    public static byte[] Pnm(string magic, int width, int height, int maxval, int[] samples)
    {
        var header = $"{magic}\n# made by a test\n{width} {height}\n{maxval}\n";
        if (magic is "P2" or "P3") return System.Text.Encoding.ASCII.GetBytes(header + string.Join(" ", samples) + "\n");
        var bytesPer = maxval > 255 ? 2 : 1;
        var body = new byte[samples.Length * bytesPer];
        for (var i = 0; i < samples.Length; i++)
            if (bytesPer == 1) body[i] = (byte)samples[i];
            else BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2 * i), (ushort)samples[i]);
        return [.. System.Text.Encoding.ASCII.GetBytes(header), .. body];
    }

    /// <summary>
    /// A PNG of arbitrary colour type / bit depth built from already packed scanlines (filter type <paramref name="filterByte"/> on each row),
    /// with an optional palette; <paramref name="interlace"/> only sets the IHDR field.
    /// </summary>
    public static byte[] RawPng(int width, int height, int bitDepth, int colorType, byte[][] packedRows, byte[]? palette = null, int interlace = 0, byte filterByte = 0)
    {
        using var output = new MemoryStream();
        output.Write(PngChunks.Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        (ihdr[8], ihdr[9], ihdr[12]) = ((byte)bitDepth, (byte)colorType, (byte)interlace);
        PngChunks.Write(output, "IHDR", ihdr);
        if (palette is not null) PngChunks.Write(output, "PLTE", palette);
        var scanlines = packedRows.SelectMany(r => new[] { filterByte }.Concat(r)).ToArray();
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(scanlines);
        PngChunks.Write(output, "IDAT", compressed.ToArray());
        PngChunks.Write(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Packs sample values of <paramref name="bitDepth"/> bits into bytes, most significant first.</summary>
    public static byte[] Pack(int[] values, int bitDepth)
    {
        var packed = new byte[(values.Length * bitDepth + 7) / 8];
        for (var i = 0; i < values.Length; i++)
            packed[i * bitDepth / 8] |= (byte)(values[i] << (8 - bitDepth - i * bitDepth % 8));
        return packed;
    }
}
