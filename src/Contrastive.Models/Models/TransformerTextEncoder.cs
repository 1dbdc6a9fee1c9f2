using Contrastive.Data.Text;
using Contrastive.Nn;
using Contrastive.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Contrastive.Models;

/// <summary>
/// A Transformer text encoder: token embedding plus a learned position embedding, pre-norm GELU
/// <see cref="TransformerEncoderLayer"/>s, a final LayerNorm and pooling to one vector of <see cref="OutputDim"/> = D.
/// <para>
/// Input contract: a (B, T) tensor of token ids stored as whole-number floats (exact for ids below 2^24), T at most
/// <see cref="TextEncoderOptions.MaxLength"/>. Id <see cref="WordTokenizer.PadId"/> (0) marks padding: padded
/// positions are never attended to and are left out of the mean pooling. <see cref="IdsToTensor"/> builds it from
/// tokenizer output. State keys: <c>position_embedding</c>, <c>token_embedding.weight</c>, <c>layers.{i}.*</c>
/// (PyTorch <c>nn.TransformerEncoderLayer</c> keys) and <c>norm.*</c>.
/// </para>
/// </summary>
public sealed class TransformerTextEncoder : Module, IEncoder
{
    private readonly Embedding _tokens;
    private readonly Tensor _positions;
    private readonly TransformerEncoderLayer[] _layers;
    private readonly LayerNorm _norm;

    /// <summary>Creates the encoder with parameters drawn from <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the heads do not divide the width.</exception>
    public TransformerTextEncoder(Rng rng, TextEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (options.VocabularySize <= WordTokenizer.PadId || options.MaxLength <= 0 || options.ModelDim <= 0 || options.Layers <= 0 || !(options.TokenEmbeddingStd > 0))
            throw new ArgumentOutOfRangeException(nameof(options), $"text encoder needs positive sizes, got vocabulary {options.VocabularySize}, max length {options.MaxLength}, width {options.ModelDim}, layers {options.Layers}, embedding std {options.TokenEmbeddingStd}");
        Options = options;
        var d = options.ModelDim;
        // Position table N(0, 0.02^2), as GPT-2 and CLIP initialise theirs.
        var positions = Tensor.Randn(rng, options.MaxLength, d);
        TensorPrimitives.Multiply(positions.Span, 0.02f, positions.Span);
        _positions = RegisterParameter("position_embedding", positions);
        _tokens = RegisterModule("token_embedding", new Embedding(options.VocabularySize, d, rng));
        if (options.TokenEmbeddingStd != 1f) TensorPrimitives.Multiply(_tokens.Weight.Span, options.TokenEmbeddingStd, _tokens.Weight.Span);
        var ff = options.FeedForwardDim > 0 ? options.FeedForwardDim : 4 * d;
        var stack = RegisterModule("layers", new Sequential());
        _layers = new TransformerEncoderLayer[options.Layers];
        for (var i = 0; i < _layers.Length; i++)
        {
            _layers[i] = new TransformerEncoderLayer(d, options.Heads, rng, ff, options.Dropout, TransformerActivation.Gelu, normFirst: true);
            stack.Add(_layers[i]);
        }
        _norm = RegisterModule("norm", new LayerNorm(d));
    }

    /// <summary>The architecture.</summary>
    public TextEncoderOptions Options { get; }

    /// <inheritdoc />
    public int OutputDim => Options.ModelDim;

    /// <summary>Encodes token ids (B, T) (see the class remarks) to (B, D).</summary>
    /// <exception cref="ArgumentException">The ids are not (B, T) with 0 &lt; T &lt;= max length, an id is not a valid
    /// whole number, or a row has nothing to pool (all padding; for [CLS] pooling, padding in position 0).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Size(1) == 0 || input.Size(1) > Options.MaxLength)
            throw new ArgumentException($"text encoder: token ids must be (B, T) with 0 < T <= {Options.MaxLength}, got {Shapes.Format(input.Shape)}");
        int b = input.Size(0), t = input.Size(1), d = Options.ModelDim;
        var padding = TokenPooling.PaddingMask(input.Span);
        // Without a graph (inference) each intermediate is recycled once the next step has read it (Intermediates.Recycle).
        var embedded = _tokens.Forward(input);
        var h = Intermediates.Recycle(embedded, Ops.Add(embedded, Ops.Narrow(_positions, 0, 0, t))); // (B, T, D)
        foreach (var layer in _layers) h = Intermediates.Recycle(h, layer.Forward(h, padding));
        h = Intermediates.Recycle(h, _norm.Forward(h));
        if (Options.Pooling == TextPooling.Cls)
        {
            for (var r = 0; r < b; r++)
                if (padding[r * t]) throw new ArgumentException($"text encoder: row {r} starts with padding, nothing to pool for [CLS]");
            return Ops.Reshape(Ops.Narrow(h, 1, 0, 1), b, d);
        }
        return Intermediates.Recycle(h, TokenPooling.Mean(h, padding)); // (B, D)
    }

    /// <summary>Packs encoded texts of one length into the (B, T) float id tensor this encoder takes.</summary>
    /// <exception cref="ArgumentException">The list is empty or the texts differ in length.</exception>
    public static Tensor IdsToTensor(IReadOnlyList<EncodedText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("no texts to pack", nameof(texts));
        var t = texts[0].Ids.Length;
        var data = new float[texts.Count * t];
        for (var r = 0; r < texts.Count; r++)
        {
            var ids = texts[r].Ids;
            if (ids.Length != t) throw new ArgumentException($"text {r} has {ids.Length} ids but text 0 has {t}; pack every text to one length", nameof(texts));
            for (var i = 0; i < t; i++) data[r * t + i] = ids[i];
        }
        return new Tensor(data, [texts.Count, t]);
    }
}
