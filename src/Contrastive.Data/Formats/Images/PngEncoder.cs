using System.Buffers.Binary;
using System.IO.Compression;

namespace Contrastive.Data.Formats.Images;

/// <summary>
/// Writes 8-bit PNG images (grey, grey+alpha, RGB or RGBA), e.g. for test fixtures and the image grids of
/// the HTML report: IHDR, one zlib-compressed IDAT, IEND, each with its CRC-32.
/// </summary>
public static class PngEncoder
{
    /// <summary>Encodes <paramref name="image"/> as PNG bytes.</summary>
    public static byte[] Encode(DecodedImage image, PngFilter filter = PngFilter.Adaptive)
    {
        ArgumentNullException.ThrowIfNull(image);
        var colorType = image.Channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };
        var stride = image.Width * image.Channels;
        var scanlines = new byte[(long)image.Height * (stride + 1)];
        var prior = new byte[stride];
        var trial = new byte[stride];
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Pixels.Slice(y * stride, stride);
            var target = scanlines.AsSpan(y * (stride + 1), stride + 1);
            var type = filter == PngFilter.Adaptive ? BestFilter(row, prior, image.Channels, trial) : (int)filter;
            target[0] = (byte)type;
            PngFilters.Filter(type, row, prior, image.Channels, target[1..]);
            row.CopyTo(prior);
        }
        using var output = new MemoryStream();
        output.Write(PngChunks.Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)image.Width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)image.Height);
        ihdr[8] = 8;
        ihdr[9] = (byte)colorType;
        PngChunks.Write(output, "IHDR", ihdr);
        PngChunks.Write(output, "IDAT", Deflate(scanlines));
        PngChunks.Write(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Encodes planar float pixels in [0, 1] (C, H, W; C = 1 or 3; values are clamped, then rounded to 8 bits) as PNG bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<float> chw, int channels, int height, int width, PngFilter filter = PngFilter.Adaptive) =>
        Encode(DecodedImage.FromPlanar(chw, channels, height, width), filter);

    /// <summary>Planar float pixels as a <c>data:image/png;base64,...</c> URI (as <see cref="Encode(ReadOnlySpan{float}, int, int, int, PngFilter)"/>).</summary>
    public static string DataUri(ReadOnlySpan<float> chw, int channels, int height, int width, PngFilter filter = PngFilter.Adaptive) =>
        "data:image/png;base64," + Convert.ToBase64String(Encode(chw, channels, height, width, filter));

    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> (through a temporary file and a rename).</summary>
    public static void Write(string path, DecodedImage image, PngFilter filter = PngFilter.Adaptive)
    {
        var bytes = Encode(image, filter);
        DataFile.WriteAtomic(path, gzip: false, s => s.Write(bytes));
    }

    internal static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
        return buffer.ToArray();
    }

    private static int BestFilter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> trial)
    {
        var (best, bestCost) = (0, long.MaxValue);
        for (var type = 0; type <= 4; type++)
        {
            PngFilters.Filter(type, row, prior, bpp, trial);
            long cost = 0;
            foreach (var b in trial) cost += Math.Abs((int)(sbyte)b);
            if (cost < bestCost) (best, bestCost) = (type, cost);
        }
        return best;
    }
}
