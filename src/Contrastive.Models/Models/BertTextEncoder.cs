using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// A BERT-style text encoder (Devlin et al. 2019; MiniLM has the same shape): word + position + token-type
/// embeddings, LayerNorm, then post-norm Transformer layers with exact (erf) GELU, and mean pooling over the real
/// tokens to one vector of <see cref="OutputDim"/> = D. Not L2-normalised (sentence-transformers' all-MiniLM-L6-v2
/// normalises after pooling; cosine similarity is the same either way).
/// <para>
/// Input contract: a (B, T) tensor of WordPiece ids as whole-number floats, T at most
/// <see cref="BertEncoderOptions.MaxLength"/>, every row one segment (token type 0) and id <see cref="PadId"/> (BERT's
/// <c>[PAD]</c>) at padding, which is neither attended to nor pooled. <see cref="WordPieceTokenizer"/> makes it.
/// State keys: <c>word_embeddings.weight</c>, <c>position_embeddings.weight</c>, <c>token_type_embeddings.weight</c>,
/// <c>embeddings_norm.*</c> and <c>layers.{i}.*</c> (PyTorch <c>nn.TransformerEncoderLayer</c> keys).
/// </para>
/// </summary>
public sealed class BertTextEncoder : Module, IBlockEncoder
{
    /// <summary>The id of <c>[PAD]</c> in BERT vocabularies.</summary>
    public const int PadId = 0;

    private readonly Embedding _words, _positions, _tokenTypes;
    private readonly LayerNorm _norm;
    private readonly Dropout _dropout;
    private readonly TransformerEncoderLayer[] _layers;

    /// <summary>Creates the encoder with random weights drawn from <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the heads do not divide the width.</exception>
    public BertTextEncoder(BertEncoderOptions options, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        if (options.VocabularySize <= PadId || options.MaxLength <= 0 || options.Layers <= 0 || options.TokenTypes <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"BERT encoder needs positive sizes, got {options}");
        Options = options;
        var d = options.ModelDim;
        _words = RegisterModule("word_embeddings", new Embedding(options.VocabularySize, d, rng));
        _positions = RegisterModule("position_embeddings", new Embedding(options.MaxLength, d, rng));
        _tokenTypes = RegisterModule("token_type_embeddings", new Embedding(options.TokenTypes, d, rng));
        _norm = RegisterModule("embeddings_norm", new LayerNorm(d, options.LayerNormEps));
        _dropout = RegisterModule("dropout", new Dropout(options.Dropout, new Rng(rng.NextUInt64())));
        var stack = RegisterModule("layers", new Sequential());
        _layers = new TransformerEncoderLayer[options.Layers];
        for (var i = 0; i < _layers.Length; i++)
        {
            _layers[i] = new TransformerEncoderLayer(d, options.Heads, rng, options.FeedForwardDim, options.Dropout,
                TransformerActivation.Gelu, normFirst: false, layerNormEps: options.LayerNormEps);
            stack.Add(_layers[i]);
        }
    }

    /// <summary>The architecture.</summary>
    public BertEncoderOptions Options { get; }

    /// <inheritdoc />
    public int OutputDim => Options.ModelDim;

    /// <inheritdoc />
    public IReadOnlyList<Module> Blocks => _layers;

    /// <summary>The embedding tables and their LayerNorm, for the importer.</summary>
    internal (Embedding Words, Embedding Positions, Embedding TokenTypes, LayerNorm Norm) Embeddings => (_words, _positions, _tokenTypes, _norm);

    /// <summary>The Transformer layers, for the importer.</summary>
    internal IReadOnlyList<TransformerEncoderLayer> Layers => _layers;

    /// <summary>Encodes token ids (B, T) (see the class remarks) to (B, D), the mean of the last layer over real tokens.</summary>
    /// <exception cref="ArgumentException">The ids are not (B, T) with 0 &lt; T &lt;= max length, or a row is all padding.</exception>
    public override Tensor Forward(Tensor input) => Pool(Hidden(input), input);

    /// <summary>The last layer's states (B, T, D) for token ids (B, T).</summary>
    /// <exception cref="ArgumentException">The ids are not (B, T) with 0 &lt; T &lt;= max length.</exception>
    public Tensor Hidden(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Size(1) == 0 || input.Size(1) > Options.MaxLength)
            throw new ArgumentException($"BERT encoder: token ids must be (B, T) with 0 < T <= {Options.MaxLength}, got {Shapes.Format(input.Shape)}");
        int t = input.Size(1);
        var positions = new Tensor([.. Enumerable.Range(0, t).Select(i => (float)i)], [1, t]);
        var h = Ops.Add(Ops.Add(_words.Forward(input), _positions.Forward(positions)), _tokenTypes.Forward(Tensor.Zeros(1, 1)));
        h = _dropout.Forward(_norm.Forward(h));
        var padding = new bool[input.Length];
        for (var i = 0; i < padding.Length; i++) padding[i] = input.Span[i] == PadId;
        foreach (var layer in _layers) h = layer.Forward(h, padding);
        return h;
    }

    /// <summary>The mean of <paramref name="hidden"/> (B, T, D) over the positions of <paramref name="ids"/> that are not padding.</summary>
    private static Tensor Pool(Tensor hidden, Tensor ids)
    {
        int b = ids.Size(0), t = ids.Size(1);
        var weights = new float[b * t];
        for (var r = 0; r < b; r++)
        {
            var row = ids.Span.Slice(r * t, t);
            var count = t - row.Count((float)PadId);
            if (count == 0) throw new ArgumentException($"BERT encoder: row {r} is all padding, nothing to pool");
            for (var i = 0; i < t; i++) weights[r * t + i] = row[i] == PadId ? 0f : 1f / count;
        }
        return Ops.Sum(Ops.Mul(hidden, new Tensor(weights, [b, t, 1])), 1);
    }
}
