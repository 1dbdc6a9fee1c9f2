using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>Both views of a labeled batch embedded and normalised, labels duplicated: (2B, D) and 2B labels.</summary>
internal static class MetricBatch
{
    public static (Tensor Embeddings, int[] Labels) Embed(EmbeddingModel model, TrainingBatch batch)
    {
        var z = Ops.Concat([model.Forward(batch.Views[0]), model.Forward(batch.Views[1])], 0);
        return (Ops.L2Normalize(z, 1), [.. batch.Labels!, .. batch.Labels!]);
    }
}
