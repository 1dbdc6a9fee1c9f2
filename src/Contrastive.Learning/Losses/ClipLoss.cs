using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// CLIP's symmetric contrastive loss (Radford et al. 2021): logits = exp(s) * cos(image_i, text_j) with a learnable
/// log-scale s clamped to at most ln 100; L = (CE(logits, diag) + CE(logits^T, diag)) / 2.
/// </summary>
public static class ClipLoss
{
    /// <summary>The largest log logit scale, ln 100, as in CLIP.</summary>
    public static readonly float MaxLogitScale = MathF.Log(100f);

    /// <summary>The loss of paired image (N, D) and text (N, D) embeddings with a scalar log logit scale.</summary>
    public static Tensor Compute(Tensor images, Tensor texts, Tensor logitScale)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(logitScale);
        Shapes.RequireEqual(images.Shape, texts.Shape, "CLIP image and text embeddings");
        if (logitScale.Length != 1) throw new ArgumentException($"CLIP logit scale must be a scalar, got {Shapes.Format(logitScale.Shape)}");
        var n = images.Size(0);
        var scale = Ops.Exp(Ops.Clamp(logitScale, float.NegativeInfinity, MaxLogitScale));
        var cosine = Ops.MatMul(Ops.L2Normalize(images, 1), Ops.L2Normalize(texts, 1), transB: true); // (N, N)
        var logits = Ops.Mul(cosine, Ops.Reshape(scale, 1, 1));
        var targets = Enumerable.Range(0, n).ToArray();
        var imageToText = Ops.CrossEntropy(logits, targets);
        var textToImage = Ops.CrossEntropy(Ops.Transpose(logits), targets);
        return Ops.Scale(Ops.Add(imageToText, textToImage), 0.5f);
    }
}
