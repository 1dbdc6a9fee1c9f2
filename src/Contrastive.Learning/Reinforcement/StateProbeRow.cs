using Contrastive.Evaluation.Regression;

namespace Contrastive.Reinforcement;

/// <summary>One row of the experiment: which features, and how well ridge maps from them predict the state.</summary>
/// <param name="Features">raw pixels, random encoder, or the trained method's encoder.</param>
/// <param name="Probe">R^2 per state variable (<see cref="CartPoleState.VariableNames"/>) on held-out episodes.</param>
public sealed record StateProbeRow(string Features, RidgeProbeResult Probe);
