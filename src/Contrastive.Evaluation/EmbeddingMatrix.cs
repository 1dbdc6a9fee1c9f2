using Contrastive.Tensors;

namespace Contrastive.Evaluation;

/// <summary>
/// N embeddings of dimension D in row-major order: the input of every metric in this library. A rank-2
/// <see cref="Tensor"/> converts implicitly (no copy); <see cref="FromSpan"/> copies a flat float span.
/// </summary>
public sealed class EmbeddingMatrix
{
    private EmbeddingMatrix(ReadOnlyMemory<float> data, int count, int dim)
    {
        Data = data;
        Count = count;
        Dim = dim;
    }

    /// <summary>The number of embeddings (rows).</summary>
    public int Count { get; }

    /// <summary>The embedding dimension (columns).</summary>
    public int Dim { get; }

    /// <summary>The values, row-major, exactly <see cref="Count"/> x <see cref="Dim"/>.</summary>
    public ReadOnlyMemory<float> Data { get; }

    /// <summary>Row <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i) => Data.Span.Slice(i * Dim, Dim);

    /// <summary>Wraps a rank-2 tensor (N x D) without copying.</summary>
    /// <exception cref="ArgumentException">The tensor is not rank 2 or is empty.</exception>
    public static EmbeddingMatrix FromTensor(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Rank != 2)
            throw new ArgumentException($"embeddings must be a rank-2 tensor (N x D), got shape {Shapes.Format(embeddings.Shape)}", nameof(embeddings));
        return Create(embeddings.Memory, embeddings.Shape[0], embeddings.Shape[1], nameof(embeddings));
    }

    /// <summary>Copies N x <paramref name="dim"/> values from a flat row-major span.</summary>
    /// <exception cref="ArgumentException">The length is not a positive multiple of <paramref name="dim"/>.</exception>
    public static EmbeddingMatrix FromSpan(ReadOnlySpan<float> values, int dim)
    {
        if (dim <= 0) throw new ArgumentOutOfRangeException(nameof(dim), $"embedding dimension must be positive, got {dim}");
        if (values.Length % dim != 0)
            throw new ArgumentException($"{values.Length} values are not a whole number of rows of dimension {dim}", nameof(values));
        return Create(values.ToArray(), values.Length / dim, dim, nameof(values));
    }

    /// <summary>Wraps a rank-2 tensor (see <see cref="FromTensor"/>).</summary>
    public static implicit operator EmbeddingMatrix(Tensor embeddings) => FromTensor(embeddings);

    /// <summary>Checks that <paramref name="labels"/> has one non-negative entry per row.</summary>
    /// <exception cref="ArgumentException">Wrong length or a negative label.</exception>
    internal void CheckLabels(int[] labels, string name)
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        if (labels.Length != Count)
            throw new ArgumentException($"{name} has {labels.Length} entries but there are {Count} embeddings", name);
        for (var i = 0; i < labels.Length; i++)
            if (labels[i] < 0) throw new ArgumentException($"{name}[{i}] is {labels[i]}; class labels must be non-negative", name);
    }

    /// <summary>Rows divided by max(||row||, 1e-12) (as torch.nn.functional.normalize), as a new array.</summary>
    internal float[] NormalizedRows()
    {
        var result = Data.ToArray();
        for (var i = 0; i < Count; i++)
        {
            var row = result.AsSpan(i * Dim, Dim);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(row);
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, 1f / MathF.Max(norm, 1e-12f), row);
        }
        return result;
    }

    private static EmbeddingMatrix Create(ReadOnlyMemory<float> data, int count, int dim, string name)
    {
        if (count == 0 || dim == 0)
            throw new ArgumentException($"embeddings are empty ({count} x {dim}); at least one row of positive dimension is needed", name);
        var span = data.Span;
        for (var i = 0; i < span.Length; i++)
            if (!float.IsFinite(span[i]))
                throw new ArgumentException($"embedding row {i / dim}, column {i % dim} is {span[i]}; embeddings must be finite", name);
        return new EmbeddingMatrix(data, count, dim);
    }
}
