using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// Multi-head self-attention as PyTorch <c>nn.MultiheadAttention(D, heads, batch_first=True)</c> called with
/// query = key = value (<see cref="Ops.MultiHeadSelfAttention"/>). State: <c>in_proj_weight</c> (3D, D) xavier-uniform,
/// <c>in_proj_bias</c> (3D) zeros, and the child Linear <c>out_proj</c> (<c>out_proj.weight</c> default Linear init,
/// <c>out_proj.bias</c> zeros), exactly PyTorch's initialisation. There is no dropout on the attention weights
/// (PyTorch's <c>dropout</c> argument); callers apply dropout to the output.
/// </summary>
public sealed class MultiheadAttention : Module
{
    /// <summary>Creates the layer for model width <paramref name="embedDim"/> split over <paramref name="heads"/> heads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or <paramref name="heads"/> does not divide the width.</exception>
    public MultiheadAttention(int embedDim, int heads, Rng rng, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embedDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        if (embedDim % heads != 0)
            throw new ArgumentOutOfRangeException(nameof(heads), $"multi-head attention: {heads} heads do not divide the width {embedDim}");
        EmbedDim = embedDim;
        Heads = heads;
        // xavier_uniform_: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)) = sqrt(6 / (D + 3D)).
        var bound = MathF.Sqrt(6f / (embedDim + 3 * embedDim));
        InProjWeight = RegisterParameter("in_proj_weight", Tensor.Uniform(rng, -bound, bound, 3 * embedDim, embedDim));
        if (bias) InProjBias = RegisterParameter("in_proj_bias", Tensor.Zeros(3 * embedDim));
        OutProj = RegisterModule("out_proj", new Linear(embedDim, embedDim, rng, bias));
        OutProj.Bias?.Span.Clear();
    }

    /// <summary>The model width D.</summary>
    public int EmbedDim { get; }

    /// <summary>The number of heads.</summary>
    public int Heads { get; }

    /// <summary>[W_q; W_k; W_v], shape (3D, D).</summary>
    public Tensor InProjWeight { get; }

    /// <summary>[b_q; b_k; b_v], shape (3D), or null without bias.</summary>
    public Tensor? InProjBias { get; }

    /// <summary>The output projection.</summary>
    public Linear OutProj { get; }

    /// <summary>Self-attention over <paramref name="input"/> (B, T, D) without a padding mask.</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>
    /// Self-attention over <paramref name="input"/> (B, T, D); <paramref name="keyPaddingMask"/> holds B*T flags,
    /// true where a position is padding and must not be attended to.
    /// </summary>
    public Tensor Forward(Tensor input, bool[]? keyPaddingMask) =>
        Ops.MultiHeadSelfAttention(input, InProjWeight, InProjBias, OutProj.Weight, OutProj.Bias, Heads, keyPaddingMask);
}
