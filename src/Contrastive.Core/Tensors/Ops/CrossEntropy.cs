using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Mean cross-entropy of <paramref name="logits"/> (N, C) against class indices, fused with its
    /// backward. With label smoothing eps (PyTorch semantics), per row
    /// loss = (1 - eps) * (-log p_target) + eps * mean_c(-log p_c), and d loss / d logits = (p - q) / N
    /// with q = (1 - eps) * onehot(target) + eps / C.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes differ, a target is outside [0, C), or the smoothing is outside [0, 1].</exception>
    public static Tensor CrossEntropy(Tensor logits, int[] targets, float labelSmoothing = 0f)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.Rank != 2 || logits.Size(1) == 0)
            throw new ArgumentException($"cross_entropy needs logits of shape (N, C) with C > 0, got {Shapes.Format(logits.Shape)}");
        int n = logits.Size(0), c = logits.Size(1);
        if (targets.Length != n)
            throw new ArgumentException($"cross_entropy: {targets.Length} targets for logits of shape {Shapes.Format(logits.Shape)}");
        if (n == 0) throw new ArgumentException("cross_entropy of an empty batch");
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
            throw new ArgumentException($"cross_entropy: label smoothing must be in [0, 1], got {labelSmoothing}");
        for (var i = 0; i < n; i++)
            if ((uint)targets[i] >= (uint)c)
                throw new ArgumentException($"cross_entropy: targets[{i}] = {targets[i]} is out of range for {c} classes");

        var xv = logits.Buffer;
        var probs = new float[xv.Length]; // (N, C) softmax, kept for the backward
        var rowLoss = new float[n];
        Lines.ForRows(n, c, (r, _) =>
        {
            var row = xv.AsSpan(r * c, c);
            var p = probs.AsSpan(r * c, c);
            var m = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, m, p);
            TensorPrimitives.Exp(p, p);
            var s = TensorPrimitives.Sum(p);
            TensorPrimitives.Multiply(p, 1f / s, p);
            var lse = m + MathF.Log(s);
            // -log p_c = lse - x_c, so mean_c(-log p_c) = lse - mean(x).
            var nll = lse - row[targets[r]];
            var smooth = labelSmoothing == 0f ? 0f : lse - TensorPrimitives.Sum(row) / c;
            rowLoss[r] = (1f - labelSmoothing) * nll + labelSmoothing * smooth;
        });
        var loss = TensorPrimitives.Sum(rowLoss) / n;
        var copy = (int[])targets.Clone();
        return Tensor.FromOp([loss], [], "cross_entropy", [logits], g =>
        {
            var gx = Tensor.GradBuffer(logits);
            var scale = g[0] / n;
            Lines.ForRows(n, c, (r, _) =>
            {
                var gRow = gx.AsSpan(r * c, c);
                TensorPrimitives.MultiplyAdd(probs.AsSpan(r * c, c), scale, gRow, gRow);
                if (labelSmoothing != 0f) TensorPrimitives.Add(gRow, -scale * labelSmoothing / c, gRow);
                gRow[copy[r]] -= scale * (1f - labelSmoothing);
            });
        });
    }
}
