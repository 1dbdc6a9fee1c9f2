using Contrastive.Data.Text;
using Contrastive.Nn;
using Contrastive.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Contrastive.Models;

/// <summary>
/// A recurrent text encoder: token embedding, dropout, a bidirectional <see cref="Gru"/> over each row's real tokens
/// (as PyTorch on a <c>pack_padded_sequence</c>), dropout, and the mean of the per-token states over the real tokens:
/// one vector of <see cref="OutputDim"/> = 2 * hidden. The token embedding starts N(0, <see cref="EmbeddingStd"/>^2), not
/// PyTorch's N(0, 1), which barely moves at the text runs' learning rates (BENCHMARKS.md, "Sentence embeddings on
/// WordNet and fortunes").
/// <para>
/// Input contract: that of <see cref="TransformerTextEncoder"/>, (B, T) token ids as whole-number floats, padding
/// (<see cref="WordTokenizer.PadId"/>) only after a row's real tokens; unlike the Transformer there is no position
/// table, so T is not bounded. State keys: <c>token_embedding.weight</c>, <c>gru.*</c> (PyTorch <c>nn.GRU</c> keys).
/// </para>
/// </summary>
public sealed class GruTextEncoder : Module, IEncoder
{
    private readonly Embedding _tokens;
    private readonly Gru _gru;
    private readonly Dropout _embeddingDropout, _outputDropout;

    /// <summary>Creates the encoder with parameters drawn from <paramref name="rng"/>; a dropout generator is derived from it.</summary>
    /// <param name="rng">The generator of the initial weights.</param>
    /// <param name="vocabularySize">The number of token ids.</param>
    /// <param name="embeddingDim">The token embedding width.</param>
    /// <param name="hiddenSize">The GRU width of each direction.</param>
    /// <param name="dropout">Dropout on the embeddings and on the GRU states (training mode only): SimCSE's noise.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or dropout is outside [0, 1).</exception>
    public GruTextEncoder(Rng rng, int vocabularySize, int embeddingDim, int hiddenSize, float dropout = 0f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (vocabularySize <= WordTokenizer.PadId)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), $"GRU text encoder needs a vocabulary, got {vocabularySize} tokens");
        _tokens = RegisterModule("token_embedding", new Embedding(vocabularySize, embeddingDim, rng));
        TensorPrimitives.Multiply(_tokens.Weight.Span, EmbeddingStd, _tokens.Weight.Span);
        _gru = RegisterModule("gru", new Gru(embeddingDim, hiddenSize, rng, layers: 1, bidirectional: true));
        var dropoutRng = new Rng(rng.NextUInt64());
        _embeddingDropout = RegisterModule("embedding_dropout", new Dropout(dropout, dropoutRng));
        _outputDropout = RegisterModule("output_dropout", new Dropout(dropout, dropoutRng));
    }

    /// <summary>The standard deviation of the initial token embedding.</summary>
    public const float EmbeddingStd = 0.1f;

    /// <inheritdoc />
    public int OutputDim => _gru.OutputSize;

    /// <summary>Encodes token ids (B, T) to (B, 2H).</summary>
    /// <exception cref="ArgumentException">The ids are not (B, T), an id is not a valid whole number, or a row is all
    /// padding or has padding before a real token.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Size(1) == 0)
            throw new ArgumentException($"GRU text encoder: token ids must be (B, T) with T > 0, got {Shapes.Format(input.Shape)}");
        var padding = TokenPooling.PaddingMask(input.Span);
        var lengths = Lengths(padding, input.Size(0), input.Size(1));
        var states = _gru.Forward(_embeddingDropout.Forward(_tokens.Forward(input)), lengths);
        return TokenPooling.Mean(_outputDropout.Forward(states), padding);
    }

    private static int[] Lengths(bool[] padding, int b, int t)
    {
        var lengths = new int[b];
        for (var r = 0; r < b; r++)
        {
            var n = 0;
            while (n < t && !padding[r * t + n]) n++;
            for (var i = n; i < t; i++)
                if (!padding[r * t + i]) throw new ArgumentException($"GRU text encoder: row {r} has a real token at {i} after padding at {n}; pad at the end only");
            lengths[r] = n;
        }
        return lengths;
    }
}
