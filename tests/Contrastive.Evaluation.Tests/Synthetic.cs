using Contrastive.Tensors;

namespace Contrastive.Evaluation.Tests;

/// <summary>Seeded synthetic embeddings for sanity tests.</summary>
internal static class Synthetic
{
    /// <summary>Gaussian clusters around random unit-ish centres (fixed per class), rows shuffled by class order.</summary>
    public static (Tensor X, int[] Labels) Clusters(int seed, int perClass, int classes, int dim, float spread)
    {
        var centres = Tensor.Randn(new Rng(1000), classes, dim).ToArray(); // same centres for every seed
        var rng = new Rng((ulong)seed);
        var n = perClass * classes;
        var x = new float[n * dim];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            for (var j = 0; j < dim; j++) x[i * dim + j] = centres[labels[i] * dim + j] + spread * rng.NextGaussian();
        }
        return (new Tensor(x, [n, dim]), labels);
    }
}
