using Contrastive.Evaluation.Health;

namespace Contrastive.Evaluation.Report;

/// <summary>The collapse monitor's check of one epoch, as the report draws it.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Status">ok, warning or collapsed.</param>
/// <param name="Message">The monitor's explanation.</param>
/// <param name="StdRatio">Mean per-dimension std of the normalised probe embeddings times sqrt(D).</param>
/// <param name="EffectiveRankFraction">Effective rank divided by D.</param>
/// <param name="Uniformity">Uniformity (t = 2).</param>
/// <param name="Alignment">Alignment of two views (alpha = 2), when measured.</param>
public sealed record EpochHealth(int Epoch, string Status, string Message, double StdRatio, double EffectiveRankFraction,
    double Uniformity, double? Alignment)
{
    /// <summary>The figures of a <see cref="CollapseCheck"/>.</summary>
    public static EpochHealth Of(CollapseCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var h = check.Health;
        return new EpochHealth(check.Epoch, check.Status.ToString().ToLowerInvariant(), check.Message, h.StdRatio,
            h.EffectiveRank / h.Dim, h.Uniformity, h.Alignment);
    }
}
