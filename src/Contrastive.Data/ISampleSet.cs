using Contrastive.Tensors;

namespace Contrastive.Data;

/// <summary>
/// What training and evaluation need of a dataset, whatever its modality: <see cref="Count"/> samples with optional class
/// labels, any of which gather into one encoder input. Images (<see cref="ImageDataset"/>), table rows
/// (<see cref="TabularDataset"/>), fixed-shape features such as log-mel spectrograms (<see cref="SampleArray"/>) and
/// tokenised texts (<see cref="Text.TokenizedTexts"/>) implement it, so embedding a whole set is written once; a new
/// modality adds a set and a view generator (<see cref="Views.IBatchViews"/>), not a copy of the pipeline.
/// </summary>
public interface ISampleSet
{
    /// <summary>Where the data came from (a path or a name), for messages.</summary>
    string Source { get; }

    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Class labels in [0, <see cref="ClassCount"/>), or null for unlabeled data.</summary>
    int[]? Labels { get; }

    /// <summary>Number of classes (0 when unlabeled).</summary>
    int ClassCount { get; }

    /// <summary>Samples per encoder call when a whole set is embedded: 1,000 by default; texts, packed to their longest,
    /// take fewer so the attention maps stay small.</summary>
    int EmbeddingBatchSize => 1000;

    /// <summary>The order to embed the samples in, a permutation of [0, <see cref="Count"/>): texts go by length, so that a
    /// batch padded to its longest text wastes little; null (the default): as they are. The embeddings come back in
    /// sample order either way.</summary>
    int[]? EmbeddingOrder => null;

    /// <summary>The samples at <paramref name="rows"/>, in that order, as one encoder input: (B, C, H, W) images,
    /// (B, D) table rows, (B, ...) fixed-shape features, (B, L) token ids padded to the longest text.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside [0, <see cref="Count"/>).</exception>
    Tensor Gather(ReadOnlySpan<int> rows);
}
