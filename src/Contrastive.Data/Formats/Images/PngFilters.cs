namespace Contrastive.Data.Formats.Images;

/// <summary>
/// The five PNG scanline filters (None, Sub, Up, Average, Paeth). With a = byte <c>bpp</c> to the left,
/// b = byte above, c = byte above-left: Sub predicts a, Up b, Average floor((a+b)/2), Paeth whichever of
/// a, b, c is closest to a + b - c. Filtering stores x - prediction, unfiltering adds it back (mod 256).
/// </summary>
internal static class PngFilters
{
    /// <summary>Undoes filter <paramref name="type"/> on <paramref name="row"/> in place; <paramref name="prior"/> is the unfiltered row above (zeros for the first).</summary>
    public static bool TryUnfilter(int type, Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        switch (type)
        {
            case 0:
                return true;
            case 1:
                for (var i = bpp; i < row.Length; i++) row[i] += row[i - bpp];
                return true;
            case 2:
                for (var i = 0; i < row.Length; i++) row[i] += prior[i];
                return true;
            case 3:
                for (var i = 0; i < row.Length; i++) row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + prior[i]) >> 1);
                return true;
            case 4:
                for (var i = 0; i < row.Length; i++)
                    row[i] += i >= bpp ? Paeth(row[i - bpp], prior[i], prior[i - bpp]) : prior[i];
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes filter <paramref name="type"/> (0-4) of <paramref name="row"/> into <paramref name="output"/>.</summary>
    public static void Filter(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> output)
    {
        for (var i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0, b = prior[i], c = i >= bpp ? prior[i - bpp] : 0;
            var prediction = type switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                _ => Paeth((byte)a, (byte)b, (byte)c),
            };
            output[i] = (byte)(row[i] - prediction);
        }
    }

    private static byte Paeth(byte a, byte b, byte c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
