namespace Contrastive.Data.Formats;

/// <summary>Byte pixel values to float32 in [0, 1], computed as <c>v / 255f</c> (bit-identical to PyTorch's <c>x.float() / 255</c>).</summary>
internal static class PixelScale
{
    private static readonly float[] Table = Enumerable.Range(0, 256).Select(v => v / 255f).ToArray();

    /// <summary>The value of byte <paramref name="v"/> in [0, 1].</summary>
    public static float ToUnit(byte v) => Table[v];

    /// <summary>A new array holding every byte of <paramref name="bytes"/> scaled to [0, 1].</summary>
    public static float[] ToUnitFloats(ReadOnlySpan<byte> bytes)
    {
        var result = new float[bytes.Length];
        var table = Table;
        for (var i = 0; i < bytes.Length; i++) result[i] = table[bytes[i]];
        return result;
    }
}
