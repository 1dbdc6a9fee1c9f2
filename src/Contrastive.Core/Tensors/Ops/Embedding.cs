namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Looks up rows of <paramref name="weight"/> (V, D): out[i..., :] = weight[indices[i...], :], with
    /// <paramref name="indices"/> laid out row-major in <paramref name="indexShape"/>; the result has shape
    /// (indexShape..., D). The weight gradient scatter-adds (repeated indices accumulate).
    /// </summary>
    /// <exception cref="ArgumentException">The weight is not a matrix, the index count does not match the shape, or an index is outside [0, V).</exception>
    public static Tensor Embedding(Tensor weight, int[] indices, int[] indexShape)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(indexShape);
        if (weight.Rank != 2) throw new ArgumentException($"embedding: weight must be (V, D), got {Shapes.Format(weight.Shape)}");
        if (Shapes.Count(indexShape) != indices.Length)
            throw new ArgumentException($"embedding: {indices.Length} indices do not fill the index shape {Shapes.Format(indexShape)}");
        return SelectRows(weight, indices, [.. indexShape, weight.Size(1)], "embedding");
    }
}
