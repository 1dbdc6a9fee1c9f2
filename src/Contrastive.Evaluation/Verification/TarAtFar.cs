namespace Contrastive.Evaluation.Verification;

/// <summary>A true-accept rate at a false-accept rate.</summary>
/// <param name="Far">The false-accept rate bound.</param>
/// <param name="Tar">The best true-accept rate with FPR &lt;= <paramref name="Far"/>.</param>
public sealed record TarAtFar(double Far, double Tar);
