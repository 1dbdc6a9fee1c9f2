namespace Contrastive.Tensors;

/// <summary>Finds NaN and infinite values, for the checks that keep them out of checkpoints, models and data.</summary>
public static class FiniteValues
{
    /// <summary>The index of the first NaN or infinite value of <paramref name="values"/>, or -1 when all are finite.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    /// <summary>A description of the first non-finite value of <paramref name="values"/> ("NaN at element 3"), or null
    /// when all are finite.</summary>
    public static string? Describe(ReadOnlySpan<float> values)
    {
        var at = IndexOfNonFinite(values);
        return at < 0 ? null : $"{values[at].ToString(System.Globalization.CultureInfo.InvariantCulture)} at element {at}";
    }
}
