using Contrastive.Evaluation;
using Contrastive.Evaluation.Retrieval;
using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Multimodal;

/// <summary>
/// Measures how well a two-tower model finds the caption of an image and the images of a caption
/// (<see cref="ImageTextRetrieval"/>), by cosine similarity in the joint space, in eval mode without gradients.
/// </summary>
public static class CrossModalRetrieval
{
    /// <summary>Image-to-text and text-to-image recall@k (and the other <see cref="RetrievalResult"/> figures) on
    /// <paramref name="pairs"/>; <paramref name="images"/> are the towers' embeddings of its images when the caller has
    /// them already (null: computed here).</summary>
    public static ImageTextRetrieval Evaluate(TwoTowerModel towers, ImageTextDataset pairs, EmbeddingMatrix? images = null,
        IReadOnlyList<int>? ks = null, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(towers);
        ArgumentNullException.ThrowIfNull(pairs);
        // Identical captions are one gallery item: captionOf[i] is the distinct-caption id of pair i.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var captionOf = new int[pairs.Count];
        var firstPair = new List<int>();
        for (var i = 0; i < pairs.Count; i++)
        {
            if (!ids.TryGetValue(pairs.Captions[i], out var id))
            {
                id = ids.Count;
                ids.Add(pairs.Captions[i], id);
                firstPair.Add(i);
            }
            captionOf[i] = id;
        }
        images ??= Embedder.Embed(towers, pairs.Images, batchSize);
        if (images.Count != pairs.Count) throw new ArgumentException($"{images.Count} image embeddings for {pairs.Count} pairs", nameof(images));
        EmbeddingMatrix texts = towers.Inference(() => Ops.Concat(
            [.. firstPair.Chunk(batchSize).Select(batch => towers.EmbedTexts(pairs.TokenIds(batch)))], 0));
        var captionIds = Enumerable.Range(0, firstPair.Count).ToArray();
        return new ImageTextRetrieval(
            RetrievalEvaluator.Evaluate(images, captionOf, texts, captionIds, ks),
            RetrievalEvaluator.Evaluate(texts, captionIds, images, captionOf, ks),
            firstPair.Count);
    }
}
