namespace Contrastive.Evaluation.Regression;

/// <summary>How well a linear map reads targets out of features: R^2 per target on the test rows, and the penalty chosen.</summary>
/// <param name="R2">R^2 of each target on the test rows.</param>
/// <param name="Alphas">The ridge penalty chosen for each target.</param>
public sealed record RidgeProbeResult(double[] R2, double[] Alphas)
{
    /// <summary>The mean R^2 over the targets.</summary>
    public double MeanR2 => R2.Average();
}
