namespace Contrastive.Training;

/// <summary>
/// The optimiser a <see cref="Trainer"/> builds: its name (<see cref="Names"/>), the base learning rate that the
/// schedule scales, the weight decay, and optionally a smaller rate for the encoder (discriminative fine-tuning).
/// </summary>
/// <param name="Name">sgd, adamw or lars.</param>
/// <param name="LearningRate">The base learning rate (the peak of warmup + cosine).</param>
/// <param name="WeightDecay">L2 weight decay of the decayed groups.</param>
/// <param name="EncoderLrScale">When set, the encoder's parameters learn at this fraction of the base rate.</param>
public sealed record OptimizerSettings(string Name, float LearningRate, float WeightDecay, float? EncoderLrScale = null)
{
    /// <summary>The optimisers <see cref="OptimizerFactory"/> builds.</summary>
    public static readonly IReadOnlyList<string> Names = ["sgd", "adamw", "lars"];
}
