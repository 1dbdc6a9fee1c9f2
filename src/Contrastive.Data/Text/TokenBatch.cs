using Contrastive.Tensors;

namespace Contrastive.Data.Text;

/// <summary>Packs token-id sequences into the (B, T) id tensor of the text encoders, T the longest packed length.</summary>
public static class TokenBatch
{
    /// <summary>Each sequence with [CLS] and [SEP], truncated to <paramref name="maxLength"/> ids, padded to the batch's longest.</summary>
    /// <exception cref="ArgumentException">There are no sequences.</exception>
    public static Tensor Pack(IReadOnlyList<int[]> words, ISentenceTokenizer tokenizer, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (words.Count == 0) throw new ArgumentException("no sequences to pack", nameof(words));
        var packed = words.Select(w => tokenizer.Pack(w, maxLength)).ToArray();
        var t = packed.Max(p => p.Length);
        var data = new float[packed.Length * t];
        for (var r = 0; r < packed.Length; r++)
            for (var i = 0; i < packed[r].Length; i++) data[r * t + i] = packed[r].Ids[i];
        return new Tensor(data, [packed.Length, t]);
    }
}
