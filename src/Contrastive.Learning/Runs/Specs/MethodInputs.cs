using Contrastive.Methods;
using Contrastive.Models;

namespace Contrastive.Runs;

/// <summary>What <see cref="MethodSpec.Create"/> builds a method from: the configuration with its defaults resolved.</summary>
/// <param name="Config">The run configuration.</param>
/// <param name="Model">The online model.</param>
/// <param name="Twin">Builds a fresh model of the same shape without predictor (a momentum target).</param>
/// <param name="Seed">The run seed.</param>
/// <param name="ProjectionDim">The projection size.</param>
/// <param name="Temperature">The loss temperature.</param>
/// <param name="Margin">The margin of a metric-learning loss.</param>
/// <param name="Momentum">The EMA momentum of a momentum target.</param>
/// <param name="GradCache">Chunked encoding with cached gradients, or null.</param>
public sealed record MethodInputs(TrainConfig Config, EmbeddingModel Model, Func<EmbeddingModel> Twin, ulong Seed, int ProjectionDim,
    float Temperature, float Margin, float Momentum, GradCache? GradCache);
