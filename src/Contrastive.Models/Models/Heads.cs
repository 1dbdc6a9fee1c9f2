using Contrastive.Nn;

namespace Contrastive.Models;

/// <summary>Heads that sit on top of an encoder.</summary>
public static class Heads
{
    /// <summary>
    /// The SimCLR projection head: Linear(in, hidden, no bias), BatchNorm1d, ReLU, Linear(hidden, out)
    /// (keys <c>0.weight, 1.*, 3.weight, 3.bias</c>, as in BENCH_SPEC.md).
    /// </summary>
    public static Sequential Projection(Tensors.Rng rng, int inputDim, int hiddenDim, int outputDim) => new(
        new Linear(inputDim, hiddenDim, bias: false, rng: rng),
        new BatchNorm1d(hiddenDim),
        new ReLU(),
        new Linear(hiddenDim, outputDim, bias: true, rng: rng));

    /// <summary>
    /// <see cref="Projection"/> followed by a BatchNorm1d without scale or shift (keys <c>4.running_mean,
    /// 4.running_var, 4.num_batches_tracked</c>), which normalises every output dimension over the batch so the
    /// embeddings cannot all coincide. The triplet network takes it as its "BNNeck" (Luo et al. 2019): without it,
    /// batch-hard mining on full Fashion-MNIST collapses within an epoch (BENCHMARKS.md, "Batch-hard triplet mining
    /// that trains"). SimSiam's projector ends
    /// the same way in Chen and He's code.
    /// </summary>
    public static Sequential NormalizedProjection(Tensors.Rng rng, int inputDim, int hiddenDim, int outputDim)
    {
        var head = Projection(rng, inputDim, hiddenDim, outputDim);
        head.Add(new BatchNorm1d(outputDim, affine: false));
        return head;
    }

    /// <summary>The BYOL / SimSiam predictor: Linear, BatchNorm1d, ReLU, Linear, from and to <paramref name="dim"/>.</summary>
    public static Sequential Predictor(Tensors.Rng rng, int dim, int hiddenDim) => new(
        new Linear(dim, hiddenDim, bias: false, rng: rng),
        new BatchNorm1d(hiddenDim),
        new ReLU(),
        new Linear(hiddenDim, dim, bias: true, rng: rng));
}
