using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// PyTorch <c>nn.TransformerEncoderLayer(batch_first=True)</c>: self-attention and a feed-forward block
/// FF(x) = linear2(dropout(act(linear1(x)))), each wrapped in a residual connection with LayerNorm.
/// Post-norm (default): x = norm1(x + dropout1(SA(x))); x = norm2(x + dropout2(FF(x))).
/// Pre-norm (<c>normFirst</c>): x = x + dropout1(SA(norm1(x))); x = x + dropout2(FF(norm2(x))).
/// State keys match PyTorch: <c>self_attn.*</c>, <c>linear1.*</c>, <c>linear2.*</c>, <c>norm1.*</c>, <c>norm2.*</c>.
/// Unlike PyTorch, the attention weights themselves are not dropped out (see <see cref="MultiheadAttention"/>);
/// with dropout 0, or in eval mode, the layer computes exactly what PyTorch computes.
/// </summary>
public sealed class TransformerEncoderLayer : Module
{
    private readonly Dropout _dropout, _dropout1, _dropout2;

    /// <summary>Creates the layer; parameters are drawn from <paramref name="rng"/>, and a dropout generator is derived from it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the heads do not divide the width, or dropout is outside [0, 1).</exception>
    public TransformerEncoderLayer(int modelDim, int heads, Rng rng, int feedForwardDim = 2048, float dropout = 0.1f,
        TransformerActivation activation = TransformerActivation.Relu, bool normFirst = false, float layerNormEps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var dropoutRng = new Rng(rng.NextUInt64());
        Activation = activation;
        NormFirst = normFirst;
        SelfAttention = RegisterModule("self_attn", new MultiheadAttention(modelDim, heads, rng));
        Linear1 = RegisterModule("linear1", new Linear(modelDim, feedForwardDim, rng));
        _dropout = RegisterModule("dropout", new Dropout(dropout, dropoutRng));
        Linear2 = RegisterModule("linear2", new Linear(feedForwardDim, modelDim, rng));
        Norm1 = RegisterModule("norm1", new LayerNorm(modelDim, layerNormEps));
        Norm2 = RegisterModule("norm2", new LayerNorm(modelDim, layerNormEps));
        _dropout1 = RegisterModule("dropout1", new Dropout(dropout, dropoutRng));
        _dropout2 = RegisterModule("dropout2", new Dropout(dropout, dropoutRng));
    }

    /// <summary>The feed-forward activation.</summary>
    public TransformerActivation Activation { get; }

    /// <summary>True for pre-norm (LayerNorm before each block), false for PyTorch's default post-norm.</summary>
    public bool NormFirst { get; }

    /// <summary>The self-attention block.</summary>
    public MultiheadAttention SelfAttention { get; }

    /// <summary>The first feed-forward layer (D to the feed-forward width).</summary>
    public Linear Linear1 { get; }

    /// <summary>The second feed-forward layer (back to D).</summary>
    public Linear Linear2 { get; }

    /// <summary>The LayerNorm of the attention block.</summary>
    public LayerNorm Norm1 { get; }

    /// <summary>The LayerNorm of the feed-forward block.</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>Applies the layer to <paramref name="input"/> (B, T, D) without a padding mask.</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>
    /// Applies the layer to <paramref name="input"/> (B, T, D); <paramref name="keyPaddingMask"/> holds B*T flags,
    /// true at padding positions, which are not attended to (their own outputs are still computed).
    /// </summary>
    public Tensor Forward(Tensor input, bool[]? keyPaddingMask)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Without a graph (inference) every intermediate is recycled once its last reader has run (Intermediates.Recycle).
        if (NormFirst)
        {
            var normed = Norm1.Forward(input);
            var x = Residual(input, Intermediates.Recycle(normed, SelfAttention.Forward(normed, keyPaddingMask)), _dropout1);
            normed = Norm2.Forward(x);
            return Intermediates.Recycle(x, Residual(x, Intermediates.Recycle(normed, FeedForward(normed)), _dropout2));
        }
        var sum = Residual(input, SelfAttention.Forward(input, keyPaddingMask), _dropout1);
        var y = Intermediates.Recycle(sum, Norm1.Forward(sum));
        sum = Intermediates.Recycle(y, Residual(y, FeedForward(y), _dropout2));
        return Intermediates.Recycle(sum, Norm2.Forward(sum));
    }

    /// <summary>x + dropout(branch), <paramref name="branch"/> being this layer's intermediate.</summary>
    private static Tensor Residual(Tensor x, Tensor branch, Dropout dropout) => Intermediates.Recycle(branch, Ops.Add(x, dropout.Forward(branch)));

    private Tensor FeedForward(Tensor x)
    {
        var hidden = Linear1.Forward(x);
        hidden = Intermediates.Recycle(hidden, Activation == TransformerActivation.Gelu ? Ops.Gelu(hidden) : Ops.Relu(hidden));
        return Intermediates.Recycle(hidden, Linear2.Forward(_dropout.Forward(hidden)));
    }
}
