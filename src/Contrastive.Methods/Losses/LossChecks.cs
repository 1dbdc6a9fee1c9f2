using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>Argument validation and masks shared by the losses.</summary>
internal static class LossChecks
{
    public static void Temperature(float temperature)
    {
        if (!(temperature > 0) || !float.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), $"temperature must be positive and finite, got {temperature}");
    }

    public static void Labels(Tensor embeddings, int[] labels, string loss)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (embeddings.Rank != 2) throw new ArgumentException($"{loss}: embeddings must be (N, D), got {Shapes.Format(embeddings.Shape)}");
        if (labels.Length != embeddings.Size(0))
            throw new ArgumentException($"{loss}: {labels.Length} labels for {embeddings.Size(0)} embeddings");
    }

    /// <summary>An n x n mask that is true on the diagonal.</summary>
    public static bool[] Diagonal(int n)
    {
        var mask = new bool[n * n];
        for (var i = 0; i < n; i++) mask[i * n + i] = true;
        return mask;
    }
}
