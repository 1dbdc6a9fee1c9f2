using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>Euclidean distances with autograd, safe at zero distance.</summary>
public static class Distances
{
    /// <summary>Added under the square root so the gradient at zero distance is finite (0) instead of NaN.</summary>
    public const float Epsilon = 1e-12f;

    /// <summary>Row-wise distances ||a_i - b_i + offset|| of two (N, D) tensors -> (N).
    /// <paramref name="offset"/> reproduces PyTorch's pairwise_distance eps (1e-6 in triplet_margin_loss).</summary>
    public static Tensor RowWise(Tensor a, Tensor b, float offset = 0f)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Shapes.RequireEqual(a.Shape, b.Shape, "pairwise distance");
        var diff = Ops.Sub(a, b);
        if (offset != 0f) diff = Ops.AddScalar(diff, offset);
        return Ops.Sqrt(Ops.AddScalar(Ops.Sum(Ops.Square(diff), 1), Epsilon));
    }

    /// <summary>The (N, N) matrix of Euclidean distances between rows, as plain values (no graph), for miners.</summary>
    public static float[] Matrix(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Rank != 2) throw new ArgumentException($"embeddings must be (N, D), got {Shapes.Format(embeddings.Shape)}");
        int n = embeddings.Size(0), d = embeddings.Size(1);
        var e = embeddings.Span;
        var norms = new float[n];
        for (var i = 0; i < n; i++)
        {
            var row = e.Slice(i * d, d);
            norms[i] = System.Numerics.Tensors.TensorPrimitives.Dot(row, row);
        }
        var gram = new float[n * n];
        Gemm.GemmProviders.Current.Sgemm(false, true, n, n, d, 1f, e, d, e, d, 0f, gram, n);
        // ||x_i - x_j||^2 = |x_i|^2 + |x_j|^2 - 2 x_i.x_j, clamped at 0 against rounding.
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                gram[i * n + j] = i == j ? 0f : MathF.Sqrt(MathF.Max(0f, norms[i] + norms[j] - 2f * gram[i * n + j]));
        return gram;
    }
}
