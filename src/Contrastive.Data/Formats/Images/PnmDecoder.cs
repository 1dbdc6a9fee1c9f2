namespace Contrastive.Data.Formats.Images;

/// <summary>
/// Decodes Netpbm grey maps and pix maps: P2 (ASCII grey), P3 (ASCII RGB), P5 (binary grey), P6 (binary RGB),
/// maxval 1-65535 (2-byte big-endian samples above 255). Samples are rescaled to 0..255 as
/// round(v * 255 / maxval). '#' comments in the header are skipped.
/// </summary>
public static class PnmDecoder
{
    /// <summary>Decodes the PGM/PPM file at <paramref name="path"/>.</summary>
    /// <exception cref="DatasetException">The file is missing, malformed or of an unsupported variant.</exception>
    public static DecodedImage Decode(string path) => Decode(DataFile.ReadRaw(path), path);

    /// <summary>Decodes PGM/PPM bytes; <paramref name="source"/> names them in error messages.</summary>
    public static DecodedImage Decode(byte[] data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < 2 || data[0] != 'P' || data[1] is not ((byte)'2' or (byte)'3' or (byte)'5' or (byte)'6'))
            throw new DatasetException(source, $"not a supported Netpbm file: magic '{(data.Length >= 2 ? $"{(char)data[0]}{(char)data[1]}" : "")}' (supported: P2, P3, P5, P6)");
        var kind = (char)data[1];
        var channels = kind is '3' or '6' ? 3 : 1;
        var reader = new Tokens(data, 2, source);
        int width = reader.Next("width"), height = reader.Next("height"), maxval = reader.Next("maxval");
        DecodedImage.CheckSize(source, width, height);
        if (maxval is < 1 or > 65535) throw new DatasetException(source, $"Netpbm maxval {maxval} is outside 1-65535");
        var count = (long)width * height * channels;
        var ascii = kind is '2' or '3';
        // Exactly one whitespace byte separates maxval from binary samples; an ASCII sample takes at least a separator
        // and a digit. Checked before allocating, so a header claiming a huge image costs nothing.
        var start = reader.Position + (ascii ? 0 : 1);
        var needed = count * (ascii ? 2 : maxval > 255 ? 2 : 1);
        if (data.Length - start < needed)
            throw new DatasetException(source, $"truncated P{kind} data: {width}x{height} needs {(ascii ? "at least " : "")}{needed} bytes of samples, the file holds {Math.Max(0, data.Length - start)}");
        var pixels = new byte[count];
        if (ascii)
        {
            for (long i = 0; i < count; i++) pixels[i] = Scale(reader.Next("sample"), maxval, i, source);
        }
        else
        {
            var bytesPerSample = maxval > 255 ? 2 : 1;
            for (long i = 0; i < count; i++)
            {
                var v = bytesPerSample == 1 ? data[start + i] : data[start + 2 * i] << 8 | data[start + 2 * i + 1];
                pixels[i] = Scale(v, maxval, i, source);
            }
        }
        return new DecodedImage(pixels, width, height, channels);
    }

    private static byte Scale(int v, int maxval, long index, string source)
    {
        if (v > maxval) throw new DatasetException(source, $"Netpbm sample {index} is {v}, above maxval {maxval}");
        return (byte)((v * 255L + maxval / 2) / maxval);
    }

    /// <summary>Reads non-negative decimal integers separated by whitespace and '#' comments.</summary>
    private struct Tokens(byte[] data, int position, string source)
    {
        public int Position { get; private set; } = position;

        public int Next(string what)
        {
            var p = Position;
            while (p < data.Length && (IsSpace(data[p]) || data[p] == '#'))
            {
                if (data[p] == '#') while (p < data.Length && data[p] != '\n') p++;
                else p++;
            }
            if (p >= data.Length) throw new DatasetException(source, $"truncated Netpbm file: expected {what} at offset {p}");
            long value = 0;
            var start = p;
            while (p < data.Length && char.IsAsciiDigit((char)data[p]) && value <= int.MaxValue) value = value * 10 + (data[p++] - '0');
            if (p == start || value > int.MaxValue || (p < data.Length && !IsSpace(data[p]) && data[p] != '#'))
                throw new DatasetException(source, $"Netpbm {what} at offset {start} is not a non-negative integer");
            Position = p;
            return (int)value;
        }

        private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
    }
}
