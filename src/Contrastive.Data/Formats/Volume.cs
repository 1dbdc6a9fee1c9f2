namespace Contrastive.Data.Formats;

/// <summary>Element counts of declared shapes, saturating at <see cref="long.MaxValue"/> so a hostile header cannot wrap around to a small number.</summary>
internal static class Volume
{
    public static long Of(IEnumerable<int> dims)
    {
        var list = dims.ToList();
        if (list.Contains(0)) return 0;
        long product = 1;
        foreach (var d in list) product = product > long.MaxValue / d ? long.MaxValue : product * d;
        return product;
    }
}
