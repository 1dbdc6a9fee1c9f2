using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// A lookup table of <c>numEmbeddings</c> vectors of size <c>embeddingDim</c> (<see cref="Ops.Embedding"/>),
/// with the weight registered as <c>weight</c> and initialised N(0, 1) as in PyTorch.
/// </summary>
public sealed class Embedding : Module
{
    /// <summary>Creates the table with weights drawn from <paramref name="rng"/>.</summary>
    public Embedding(int numEmbeddings, int embeddingDim, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (numEmbeddings <= 0 || embeddingDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(numEmbeddings), $"embedding needs positive sizes, got ({numEmbeddings}, {embeddingDim})");
        Weight = RegisterParameter("weight", Tensor.Randn(rng, numEmbeddings, embeddingDim));
    }

    /// <summary>The table (numEmbeddings, embeddingDim).</summary>
    public Tensor Weight { get; }

    /// <summary>Looks up <paramref name="indices"/> laid out as <paramref name="indexShape"/>; returns (indexShape..., embeddingDim).</summary>
    public Tensor Forward(int[] indices, int[] indexShape) => Ops.Embedding(Weight, indices, indexShape);

    /// <summary>Looks up a tensor of indices stored as whole-number floats; returns (input shape..., embeddingDim).</summary>
    /// <exception cref="ArgumentException">An element is not a whole number.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var values = input.Span;
        var indices = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != MathF.Round(values[i]) || float.IsInfinity(values[i]))
                throw new ArgumentException($"embedding: input element {i} = {values[i]} is not an integer index");
            indices[i] = (int)values[i];
        }
        return Forward(indices, input.Shape.ToArray());
    }
}
