namespace Contrastive.Data.Formats.Images;

/// <summary>Unfiltered PNG scanlines to 8-bit interleaved samples: unpacks 1/2/4-bit samples, scales grey
/// to 0..255 and looks up palette indices.</summary>
internal static class PngSamples
{
    public static byte[] Expand(byte[] raw, PngHeader header, byte[]? palette, string source)
    {
        int width = header.Width, height = header.Height, stride = header.Stride, depth = header.BitDepth;
        var channels = header.DecodedChannels;
        var output = new byte[(long)width * height * channels];
        if (depth == 8 && header.ColorType != 3)
        {
            for (var y = 0; y < height; y++) raw.AsSpan(y * (stride + 1) + 1, stride).CopyTo(output.AsSpan(y * stride));
            return output;
        }
        var entries = palette is null ? 0 : palette.Length / 3;
        var mask = (1 << depth) - 1;
        var greyScale = 255 / mask; // 1-bit: 255, 2-bit: 85, 4-bit: 17, 8-bit: 1
        var perByte = 8 / depth;
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * (stride + 1) + 1, stride);
            for (var x = 0; x < width; x++)
            {
                // Samples are packed from the most significant bit.
                var shift = 8 - depth * (x % perByte + 1);
                var value = (row[x / perByte] >> shift) & mask;
                var o = ((long)y * width + x) * channels;
                if (palette is null)
                {
                    output[o] = (byte)(value * greyScale);
                    continue;
                }
                if (value >= entries)
                    throw new DatasetException(source, $"PNG pixel ({x}, {y}) uses palette index {value} but PLTE has {entries} entries");
                output[o] = palette[value * 3];
                output[o + 1] = palette[value * 3 + 1];
                output[o + 2] = palette[value * 3 + 2];
            }
        }
        return output;
    }
}
