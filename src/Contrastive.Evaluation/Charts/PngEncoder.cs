using System.IO.Compression;

namespace Contrastive.Evaluation.Charts;

/// <summary>
/// A minimal PNG writer (8-bit grayscale or RGB, no interlace, filter 0): signature, IHDR, one zlib IDAT, IEND,
/// each chunk closed by its CRC-32.
/// </summary>
public static class PngEncoder
{
    private static readonly uint[] s_crcTable = BuildCrcTable();

    /// <summary>Encodes an image given as CHW floats in [0, 1] (values are clamped) with 1 or 3 channels.</summary>
    /// <exception cref="ArgumentException">Wrong channel count, size, or pixel count.</exception>
    public static byte[] Encode(ReadOnlySpan<float> chw, int channels, int height, int width)
    {
        if (channels is not (1 or 3)) throw new ArgumentException($"PNG export supports 1 or 3 channels, got {channels}", nameof(channels));
        if (height <= 0 || width <= 0) throw new ArgumentException($"image size must be positive, got {height} x {width}", nameof(height));
        if (chw.Length != channels * height * width)
            throw new ArgumentException($"{chw.Length} pixel values but a {channels} x {height} x {width} image needs {channels * height * width}", nameof(chw));
        var raw = new byte[height * (1 + width * channels)];
        for (var y = 0; y < height; y++)
        {
            var rowStart = y * (1 + width * channels); // raw[rowStart] = 0: filter type None
            for (var x = 0; x < width; x++)
                for (var c = 0; c < channels; c++)
                    raw[rowStart + 1 + x * channels + c] = (byte)Math.Round(Math.Clamp(chw[(c * height + y) * width + x], 0f, 1f) * 255f);
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8;                              // bit depth
        header[9] = (byte)(channels == 1 ? 0 : 2);  // colour type: grayscale or RGB
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
            WriteChunk(png, "IDAT", compressed.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The image as a <c>data:image/png;base64,...</c> URI.</summary>
    public static string DataUri(ReadOnlySpan<float> chw, int channels, int height, int width) =>
        "data:image/png;base64," + Convert.ToBase64String(Encode(chw, channels, height, width));

    /// <summary>CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) of <paramref name="data"/>, as PNG and zlib's crc32 use.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data) => ~UpdateCrc(0xFFFF_FFFFu, data);

    private static uint UpdateCrc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data) crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        var buffer = new byte[4];
        WriteBigEndian(buffer, 0, (uint)data.Length);
        s.Write(buffer);
        s.Write(typeBytes);
        s.Write(data);
        WriteBigEndian(buffer, 0, ~UpdateCrc(UpdateCrc(0xFFFF_FFFFu, typeBytes), data)); // CRC over type + data
        s.Write(buffer);
    }

    private static void WriteBigEndian(byte[] b, int offset, uint v) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(offset), v);

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
