using Contrastive.Methods;

namespace Contrastive.Training;

/// <summary>Evaluates the method's encoder after each epoch.</summary>
public interface IEpochEvaluator
{
    /// <summary>Evaluates (in eval mode, without gradients) after the epoch that follows <paramref name="earlier"/>, the
    /// metrics of the run's earlier epochs (those before a resume included).</summary>
    /// <returns>The evaluation figures of <see cref="EpochMetrics"/> (kNN accuracy, health...); the trainer fills in the rest.</returns>
    EpochMetrics Evaluate(ContrastiveMethod method, IReadOnlyList<EpochMetrics> earlier);
}
