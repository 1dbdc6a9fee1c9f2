using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Contrastive.Data.Formats;
using Contrastive.Data.Formats.Images;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Formats;

public sealed class PngTests
{
    [Theory]
    [InlineData(1, PngFilter.None)]
    [InlineData(1, PngFilter.Sub)]
    [InlineData(2, PngFilter.Up)]
    [InlineData(3, PngFilter.Average)]
    [InlineData(3, PngFilter.Paeth)]
    [InlineData(4, PngFilter.Adaptive)]
    [InlineData(3, PngFilter.Adaptive)]
    public void RoundTrip_EveryColourTypeAndFilter(int channels, PngFilter filter)
    {
        var image = Fixtures.Pattern(13, 7, channels);
        var decoded = PngDecoder.Decode(PngEncoder.Encode(image, filter), "mem.png");
        Assert.Equal((13, 7, channels), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.True(image.Pixels.SequenceEqual(decoded.Pixels));
    }

    [Fact]
    public void Adaptive_UsesSeveralFilterTypesOnASmoothImage()
    {
        var pixels = new byte[32 * 32 * 3];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i % 96 + i / 96 * 3 % 50);
        var image = new DecodedImage(pixels, 32, 32, 3);
        var png = PngEncoder.Encode(image);
        Assert.True(image.Pixels.SequenceEqual(PngDecoder.Decode(png, "mem.png").Pixels));
        Assert.True(png.Length < PngEncoder.Encode(image, PngFilter.None).Length);
    }

    [Fact]
    public void Write_AndDecodeByPath_ThroughImageDecoder()
    {
        using var dir = new TempDirectory();
        var image = Fixtures.Pattern(5, 4, 3);
        PngEncoder.Write(dir.File("a.png"), image);
        Assert.True(image.Pixels.SequenceEqual(ImageDecoder.Decode(dir.File("a.png")).Pixels));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void PlanarFloats_Unfiltered_HaveValidChunksAndInflateBack(int channels)
    {
        const int h = 3, w = 5;
        var pixels = Enumerable.Range(0, channels * h * w).Select(i => i / (float)(channels * h * w - 1)).ToArray();
        pixels[0] = -1f; // clamped to 0
        var png = PngEncoder.Encode(pixels, channels, h, w, PngFilter.None);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = new List<(string Type, byte[] Data)>();
        for (var pos = 8; pos < png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            var typeAndData = png.AsSpan(pos + 4, 4 + length);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length)), Crc32.Compute(typeAndData));
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
        Assert.Equal(255, bytes[^1]); // last pixel of the last row, last channel = value 1.0
        // RGB interleaving: pixel (0, 1) green = channel 1 at (0, 1)
        if (channels == 3) Assert.Equal((byte)Math.Round(pixels[h * w + 1] * 255), bytes[1 + 1 * 3 + 1]);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), PngEncoder.DataUri(pixels, channels, h, w, PngFilter.None));
    }

    [Fact]
    public void PlanarFloats_OfTheWrongCount_AreRejected()
    {
        Assert.Contains("10 values for a 3x2x2 image", Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new float[10], 3, 2, 2)).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Palette_AtEveryBitDepth_ExpandsToRgb(int depth)
    {
        var entries = Math.Min(1 << depth, 5);
        var palette = Enumerable.Range(0, entries * 3).Select(i => (byte)(i * 17 + 3)).ToArray();
        int[][] indices = [[0, 1, 0, 1, 1], [1, 0, entries - 1, 0, 1]];
        var png = Fixtures.RawPng(5, 2, depth, 3, indices.Select(r => Fixtures.Pack(r, depth)).ToArray(), palette);

        var decoded = PngDecoder.Decode(png, "p.png");

        Assert.Equal(3, decoded.Channels);
        var expected = indices.SelectMany(r => r).SelectMany(i => palette.Skip(i * 3).Take(3)).ToArray();
        Assert.Equal(expected, decoded.Pixels.ToArray());
    }

    [Theory]
    [InlineData(1, 255)]
    [InlineData(2, 85)]
    [InlineData(4, 17)]
    public void LowBitGrey_ScalesToFullRange(int depth, int scale)
    {
        var max = (1 << depth) - 1;
        int[] row = [0, max, max / 2, 1, 0, max, 1, 0, max];
        var decoded = PngDecoder.Decode(Fixtures.RawPng(9, 1, depth, 0, [Fixtures.Pack(row, depth)]), "g.png");
        Assert.Equal(row.Select(v => (byte)(v * scale)).ToArray(), decoded.Pixels.ToArray());
    }

    [Fact]
    public void BadCrc_NamesChunkAndBothValues()
    {
        var png = PngEncoder.Encode(Fixtures.Pattern(4, 4, 1));
        png[45] ^= 0x01; // inside the IDAT data (signature 8 + IHDR 25 + IDAT length/type 8)
        var e = Assert.Throws<DatasetException>(() => PngDecoder.Decode(png, "bad.png"));
        Assert.Matches(@"^bad\.png: CRC mismatch in PNG chunk IDAT at offset 33 \(stored 0x[0-9A-F]{8}, computed 0x[0-9A-F]{8}\)", e.Message);
    }

    [Fact]
    public void SixteenBitDepth_IsUnsupportedNamingTheField()
    {
        var png = Fixtures.RawPng(2, 1, 16, 0, [new byte[4]]);
        var e = Assert.Throws<DatasetException>(() => PngDecoder.Decode(png, "deep.png"));
        Assert.StartsWith("deep.png: unsupported PNG: IHDR bit depth 16", e.Message);
    }

    [Fact]
    public void Interlaced_IsUnsupportedNamingTheField()
    {
        var png = Fixtures.RawPng(2, 1, 8, 0, [new byte[2]], interlace: 1);
        var e = Assert.Throws<DatasetException>(() => PngDecoder.Decode(png, "i.png"));
        Assert.StartsWith("i.png: unsupported PNG: IHDR interlace method 1 (Adam7)", e.Message);
    }

    [Theory]
    [InlineData(4, 2, "bit depth 4 is invalid for colour type 2")]
    [InlineData(8, 5, "colour type 5 is invalid")]
    public void InvalidHeaderCombinations_AreNamed(int depth, int colorType, string expected)
    {
        var png = Fixtures.RawPng(1, 1, depth, colorType, [new byte[4]]);
        Assert.Contains(expected, Assert.Throws<DatasetException>(() => PngDecoder.Decode(png, "h.png")).Message);
    }

    [Fact]
    public void StructuralDamage_GivesSpecificErrors()
    {
        var good = PngEncoder.Encode(Fixtures.Pattern(6, 6, 3));
        Assert.Contains("bad signature", Error([.. good.Take(7), 0, .. good.Skip(8)]));
        Assert.Contains("truncated PNG", Error(good[..^20]));
        Assert.Contains("truncated PNG: chunk IDAT", Error(good[..60]));
        // Valid chunks whose data is one row short.
        var rows = Enumerable.Range(0, 3).Select(_ => new byte[6]).ToArray();
        var shortData = Fixtures.RawPng(6, 4, 8, 0, rows);
        Assert.Contains("truncated PNG image data: IDAT inflates to 21 bytes, a 6x4 image needs 28", Error(shortData));
        Assert.Contains("row 0 has invalid filter type 9 (valid: 0-4)", Error(Fixtures.RawPng(2, 1, 8, 0, [new byte[2]], filterByte: 9)));
        Assert.Contains("has no PLTE chunk", Error(Fixtures.RawPng(2, 1, 8, 3, [new byte[2]])));
        var outOfPalette = Fixtures.RawPng(2, 1, 8, 3, [[0, 3]], palette: new byte[6]);
        Assert.Contains("palette index 3 but PLTE has 2 entries", Error(outOfPalette));
    }

    private static string Error(byte[] png) => Assert.Throws<DatasetException>(() => PngDecoder.Decode(png, "x.png")).Message;
}
