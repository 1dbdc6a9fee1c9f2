using System.Numerics.Tensors;

namespace Contrastive.Tensors;

/// <summary>Validation and the row kernels (masked softmax and its backward, bias rows) of the attention op.</summary>
internal static class AttentionKernels
{
    private const string Op = "multi_head_self_attention";

    /// <summary>Checks every shape against x (B, T, D) and returns the sizes.</summary>
    public static AttentionShape Validate(Tensor x, Tensor inProjWeight, Tensor? inProjBias, Tensor outProjWeight,
        Tensor? outProjBias, int heads, bool[]? keyPaddingMask)
    {
        if (x.Rank != 3) throw new ArgumentException($"{Op}: x must be (B, T, D), got {Shapes.Format(x.Shape)}", nameof(x));
        int batch = x.Size(0), time = x.Size(1), d = x.Size(2);
        if (heads < 1) throw new ArgumentException($"{Op}: heads must be at least 1, got {heads}", nameof(heads));
        if (d % heads != 0)
            throw new ArgumentException($"{Op}: the embedding dimension D = {d} of x {Shapes.Format(x.Shape)} is not divisible by heads = {heads}", nameof(heads));
        RequireShape(inProjWeight, [3 * d, d], "in_proj_weight", x);
        if (inProjBias is not null) RequireShape(inProjBias, [3 * d], "in_proj_bias", x);
        RequireShape(outProjWeight, [d, d], "out_proj_weight", x);
        if (outProjBias is not null) RequireShape(outProjBias, [d], "out_proj_bias", x);
        if (keyPaddingMask is not null && keyPaddingMask.Length != batch * time)
            throw new ArgumentException(
                $"{Op}: key_padding_mask has {keyPaddingMask.Length} flags but x {Shapes.Format(x.Shape)} needs B*T = {batch * time}", nameof(keyPaddingMask));
        return new AttentionShape(batch, time, d, heads);
    }

    private static void RequireShape(Tensor t, int[] expected, string name, Tensor x)
    {
        if (!t.Shape.SequenceEqual(expected))
            throw new ArgumentException($"{Op}: {name} must be {Shapes.Format(expected)} for x {Shapes.Format(x.Shape)}, got {Shapes.Format(t.Shape)}", name);
    }

    /// <summary>
    /// In place over the (B, H, T, T) scores: ignored keys get -inf, then each row becomes
    /// softmax(row - max(row)). A row whose keys are all ignored becomes all zeros (no NaN).
    /// </summary>
    public static void MaskedSoftmaxRows(float[] scores, AttentionShape s, bool[]? keyPaddingMask)
    {
        int t = s.Time, rowsPerBatch = s.Heads * s.Time;
        Parallelism.ForChunks(s.Batch * rowsPerBatch, Math.Max(1, 16384 / Math.Max(1, t)), (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var row = scores.AsSpan(r * t, t);
                if (keyPaddingMask is not null)
                {
                    var mask = keyPaddingMask.AsSpan(r / rowsPerBatch * t, t);
                    for (var j = 0; j < t; j++) if (mask[j]) row[j] = float.NegativeInfinity;
                }
                var max = TensorPrimitives.Max<float>(row);
                if (float.IsNegativeInfinity(max)) { row.Clear(); continue; }
                TensorPrimitives.Subtract(row, max, row);
                TensorPrimitives.Exp(row, row); // exp(-inf) = 0 for the ignored keys
                TensorPrimitives.Multiply(row, 1f / TensorPrimitives.Sum<float>(row), row);
            }
        });
    }

    /// <summary>
    /// Softmax backward in place over (B, H, T, T): dS = P * (dP - rowsum(dP * P)), where
    /// <paramref name="gradient"/> holds dP on entry and dS on exit. Ignored keys (P = 0) get dS = 0.
    /// </summary>
    public static void SoftmaxBackwardRows(float[] probabilities, float[] gradient, AttentionShape s)
    {
        var t = s.Time;
        Parallelism.ForChunks(s.Batch * s.Heads * t, Math.Max(1, 16384 / Math.Max(1, t)), (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var p = probabilities.AsSpan(r * t, t);
                var dp = gradient.AsSpan(r * t, t);
                var dot = TensorPrimitives.Dot<float>(dp, p);
                TensorPrimitives.Subtract(dp, dot, dp);
                TensorPrimitives.Multiply(dp, p, dp);
            }
        });
    }

    /// <summary>Adds <paramref name="bias"/> to every row of the row-major matrix <paramref name="matrix"/>.</summary>
    public static void AddRowBias(float[] matrix, float[] bias)
    {
        var width = bias.Length;
        for (var o = 0; o < matrix.Length; o += width)
        {
            var row = matrix.AsSpan(o, width);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>grad += the column sums of the row-major <paramref name="matrix"/> (a bias gradient).</summary>
    public static void AccumulateColumnSums(float[] matrix, float[] grad)
    {
        var width = grad.Length;
        for (var o = 0; o < matrix.Length; o += width)
            TensorPrimitives.Add(grad, matrix.AsSpan(o, width), grad);
    }
}
