using Contrastive.Distributed;
using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// CLIP's symmetric contrastive loss (Radford et al. 2021): logits = exp(s) * cos(image_i, text_j) with a learnable
/// log-scale s clamped to at most ln 100; L = (CE(logits, diag) + CE(logits^T, diag)) / 2.
/// Data-parallel: the pairs of all processes are the batch, and each process averages over the rows (images) and
/// columns (texts) of its own pairs.
/// </summary>
public static class ClipLoss
{
    /// <summary>The largest log logit scale, ln 100, as in CLIP.</summary>
    public static readonly float MaxLogitScale = MathF.Log(100f);

    /// <summary>
    /// The loss of paired image (N, D) and text (N, D) embeddings with a scalar log logit scale. With a
    /// <paramref name="group"/> of several processes, each passes its own pairs (the same N on every process).
    /// </summary>
    public static Tensor Compute(Tensor images, Tensor texts, Tensor logitScale, IProcessGroup? group = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(logitScale);
        Shapes.RequireEqual(images.Shape, texts.Shape, "CLIP image and text embeddings");
        if (logitScale.Length != 1) throw new ArgumentException($"CLIP logit scale must be a scalar, got {Shapes.Format(logitScale.Shape)}");
        group ??= SingleProcess.Instance;
        var n = images.Size(0);
        var scale = Ops.Reshape(Ops.Exp(Ops.Clamp(logitScale, float.NegativeInfinity, MaxLogitScale)), 1, 1);
        var allImages = Ops.L2Normalize(ProcessBatch.Gather(images, group), 1);
        var allTexts = Ops.L2Normalize(ProcessBatch.Gather(texts, group), 1);
        var targets = Enumerable.Range(group.Rank * n, n).ToArray();
        var imageToText = Ops.CrossEntropy(Ops.Mul(Ops.MatMul(ProcessBatch.OwnRows(allImages, n, group), allTexts, transB: true), scale), targets); // (N, M)
        var textToImage = Ops.CrossEntropy(Ops.Mul(Ops.MatMul(ProcessBatch.OwnRows(allTexts, n, group), allImages, transB: true), scale), targets); // (N, M)
        return Ops.Scale(Ops.Add(imageToText, textToImage), 0.5f);
    }
}
