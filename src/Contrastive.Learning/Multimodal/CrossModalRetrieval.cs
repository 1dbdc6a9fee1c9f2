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
    /// <summary>Image-to-text and text-to-image recall@k (and the other <see cref="RetrievalResult"/> figures) on <paramref name="pairs"/>.</summary>
    public static ImageTextRetrieval Evaluate(TwoTowerModel towers, ImageTextDataset pairs, IReadOnlyList<int>? ks = null, int batchSize = 256)
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
        EmbeddingMatrix images = Embedder.Embed(towers, pairs.Images, batchSize);
        EmbeddingMatrix texts = EmbedTexts(towers, pairs, firstPair, batchSize);
        var captionIds = Enumerable.Range(0, firstPair.Count).ToArray();
        return new ImageTextRetrieval(
            RetrievalEvaluator.Evaluate(images, captionOf, texts, captionIds, ks),
            RetrievalEvaluator.Evaluate(texts, captionIds, images, captionOf, ks),
            firstPair.Count);
    }

    private static Tensor EmbedTexts(TwoTowerModel towers, ImageTextDataset pairs, List<int> indices, int batchSize)
    {
        var wasTraining = towers.Training;
        towers.Eval();
        try
        {
            using var _ = Autograd.NoGrad();
            var parts = new List<Tensor>();
            for (var start = 0; start < indices.Count; start += batchSize)
                parts.Add(towers.EmbedTexts(pairs.TokenIds(indices.GetRange(start, Math.Min(batchSize, indices.Count - start)))));
            return Ops.Concat(parts, 0);
        }
        finally
        {
            towers.Train(wasTraining);
        }
    }
}
