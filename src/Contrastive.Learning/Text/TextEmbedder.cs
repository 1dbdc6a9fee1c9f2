using Contrastive.Data.Text;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Text;

/// <summary>Runs a text encoder over texts in eval mode, without gradients, in batches padded to their longest text.</summary>
public static class TextEmbedder
{
    /// <summary>The (N, D) embeddings of <paramref name="texts"/>, in order: each tokenised, packed with [CLS] and [SEP] to at
    /// most <paramref name="maxLength"/> ids.</summary>
    /// <exception cref="ArgumentException">There are no texts or the batch size is not positive.</exception>
    public static Tensor Embed(Module encoder, ISentenceTokenizer tokenizer, IReadOnlyList<string> texts, int maxLength, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("no texts to embed", nameof(texts));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return encoder.Inference(() =>
        {
            float[]? all = null;
            var dim = 0;
            for (var start = 0; start < texts.Count; start += batchSize)
            {
                var n = Math.Min(batchSize, texts.Count - start);
                var ids = TokenBatch.Pack([.. Enumerable.Range(start, n).Select(i => tokenizer.Tokenize(texts[i]))], tokenizer, maxLength);
                var z = encoder.Forward(ids);
                if (all is null)
                {
                    dim = z.Length / n;
                    all = new float[(long)texts.Count * dim];
                }
                z.Span.CopyTo(all.AsSpan(start * dim, n * dim));
            }
            return new Tensor(all!, [texts.Count, dim]);
        });
    }
}
