namespace Contrastive.Evaluation;

/// <summary>
/// Top-k selection over a row of similarities without sorting the row. Each candidate becomes one
/// <c>ulong</c> key whose ascending order is (similarity descending, index ascending), which is exactly
/// <c>np.argsort(-s, kind="stable")</c>; a quickselect finds the k smallest keys and only those are sorted.
/// </summary>
internal static class TopK
{
    /// <summary>The sort key of (value, index): high 32 bits = order-reversed float bits, low 32 bits = index.</summary>
    public static ulong Key(float value, int index)
    {
        var bits = BitConverter.SingleToUInt32Bits(value + 0f); // + 0f turns -0 into +0, so they tie as in numpy
        var ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u; // monotone in value
        return ((ulong)~ascending << 32) | (uint)index;
    }

    /// <summary>The index encoded in a key.</summary>
    public static int Index(ulong key) => (int)(uint)key;

    /// <summary>The similarity encoded in a key.</summary>
    public static float Value(ulong key)
    {
        var ascending = ~(uint)(key >> 32);
        var bits = (ascending & 0x8000_0000u) != 0 ? ascending & 0x7FFF_FFFFu : ~ascending;
        return BitConverter.UInt32BitsToSingle(bits);
    }

    /// <summary>
    /// Writes the keys of the best min(k, candidates) entries of <paramref name="row"/>, best first, into
    /// <paramref name="scratch"/>[0..count) and returns count. Index <paramref name="exclude"/> (or -1) is skipped.
    /// <paramref name="scratch"/> must hold at least row.Length keys.
    /// </summary>
    public static int Select(ReadOnlySpan<float> row, int k, int exclude, Span<ulong> scratch)
    {
        var n = 0;
        for (var j = 0; j < row.Length; j++)
            if (j != exclude) scratch[n++] = Key(row[j], j);
        var count = Math.Min(k, n);
        var keys = scratch[..n];
        if (count < n) SelectSmallest(keys, count);
        keys[..count].Sort();
        return count;
    }

    /// <summary>Reorders <paramref name="keys"/> so its first <paramref name="count"/> entries are the smallest (Hoare quickselect).</summary>
    private static void SelectSmallest(Span<ulong> keys, int count)
    {
        int lo = 0, hi = keys.Length - 1, target = count - 1;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            var pivot = Median(keys[lo], keys[mid], keys[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i <= j) (keys[i], keys[j], i, j) = (keys[j], keys[i], i + 1, j - 1);
            }
            if (target <= j) hi = j;
            else if (target >= i) lo = i;
            else return;
        }
    }

    private static ulong Median(ulong a, ulong b, ulong c) =>
        a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
}
