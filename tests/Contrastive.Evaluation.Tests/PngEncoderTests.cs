using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Contrastive.Evaluation.Charts;

namespace Contrastive.Evaluation.Tests;

public class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, PngEncoder.Crc32([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Png_has_valid_chunks_and_the_pixels_inflate_back(int channels)
    {
        const int h = 3, w = 5;
        var pixels = Enumerable.Range(0, channels * h * w).Select(i => i / (float)(channels * h * w - 1)).ToArray();
        pixels[0] = -1f; // clamped to 0
        var png = PngEncoder.Encode(pixels, channels, h, w);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = new List<(string Type, byte[] Data)>();
        for (var pos = 8; pos < png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            var typeAndData = png.AsSpan(pos + 4, 4 + length);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length)), PngEncoder.Crc32(typeAndData));
            chunks.Add((Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray()));
            pos += 12 + length;
        }
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var ihdr = chunks[0].Data;
        Assert.Equal(w, (int)BinaryPrimitives.ReadUInt32BigEndian(ihdr));
        Assert.Equal(h, (int)BinaryPrimitives.ReadUInt32BigEndian(ihdr.AsSpan(4)));
        Assert.Equal(channels == 1 ? 0 : 2, ihdr[9]);
        using var z = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        Assert.Equal(h * (1 + w * channels), bytes.Length);
        Assert.Equal(0, bytes[0]);   // filter byte
        Assert.Equal(0, bytes[1]);   // the clamped pixel
        // last pixel of the last row, last channel = value 1.0
        Assert.Equal(255, bytes[^1]);
        // RGB interleaving: pixel (0, 1) green = channel 1 at (0, 1)
        if (channels == 3) Assert.Equal((byte)Math.Round(pixels[h * w + 1] * 255), bytes[1 + 1 * 3 + 1]);
    }

    [Fact]
    public void Wrong_sizes_are_rejected()
    {
        Assert.Contains("needs 12", Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new float[10], 3, 2, 2)).Message);
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new float[8], 2, 2, 2));
    }
}
