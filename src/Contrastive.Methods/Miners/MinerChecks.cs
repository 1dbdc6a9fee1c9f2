namespace Contrastive.Miners;

internal static class MinerChecks
{
    /// <summary>Checks that <paramref name="distances"/> is N x N for N labels and returns N.</summary>
    public static int Validate(float[] distances, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(distances);
        ArgumentNullException.ThrowIfNull(labels);
        var n = labels.Length;
        if (distances.Length != (long)n * n)
            throw new ArgumentException($"miner: distance matrix has {distances.Length} entries but {n} labels need {n * n}");
        return n;
    }
}
