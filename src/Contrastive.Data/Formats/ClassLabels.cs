using System.Globalization;

namespace Contrastive.Data.Formats;

/// <summary>
/// Maps raw label strings to class indices. When every label is a non-negative integer it is its own index
/// (class names "0".."max"); otherwise the distinct strings sorted ordinally become classes 0..K-1.
/// </summary>
internal static class ClassLabels
{
    public static (int[] Labels, string[] ClassNames) Map(IReadOnlyList<string> raw)
    {
        var numeric = new int[raw.Count];
        var allNumeric = true;
        for (var i = 0; i < raw.Count && allNumeric; i++)
            allNumeric = int.TryParse(raw[i], NumberStyles.None, CultureInfo.InvariantCulture, out numeric[i]);
        if (allNumeric)
        {
            var classes = raw.Count == 0 ? 0 : numeric.Max() + 1;
            return (numeric, Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray());
        }
        var names = raw.Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        return (raw.Select(r => index[r]).ToArray(), names);
    }
}
