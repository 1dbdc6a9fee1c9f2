using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>
/// Augmented views of one batch: view v is a tensor (B, C, H_v, W_v) for images or (B, D) for tabular rows,
/// row i of every view coming from sample <c>Indices[i]</c>.
/// </summary>
public sealed class ViewBatch
{
    /// <summary>Creates a batch.</summary>
    public ViewBatch(IReadOnlyList<Tensor> views, int[]? labels, int[] indices, int epoch, int batchIndex)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(indices);
        (Views, Labels, Indices, Epoch, BatchIndex) = (views, labels, indices, epoch, batchIndex);
    }

    /// <summary>The views, one tensor per view.</summary>
    public IReadOnlyList<Tensor> Views { get; }

    /// <summary>Class labels of the samples, or null for unlabeled data.</summary>
    public int[]? Labels { get; }

    /// <summary>Dataset indices of the samples.</summary>
    public int[] Indices { get; }

    /// <summary>Epoch the batch belongs to.</summary>
    public int Epoch { get; }

    /// <summary>Position of the batch within its epoch.</summary>
    public int BatchIndex { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Indices.Length;
}
