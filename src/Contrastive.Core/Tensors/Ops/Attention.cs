using Contrastive.Gemm;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Multi-head self-attention with the semantics of PyTorch <c>nn.MultiheadAttention(D, heads, batch_first=True)</c>
    /// called as <c>mha(x, x, x, key_padding_mask)</c> without dropout:
    /// [Q | K | V] = x W_in^T + b_in, per head P = softmax(Q K^T / sqrt(D / heads)) with ignored keys at -inf,
    /// O = P V, and the heads concatenated and projected by W_out^T + b_out.
    /// </summary>
    /// <param name="x">Input of shape (B, T, D).</param>
    /// <param name="inProjWeight">(3D, D): the rows are [W_q; W_k; W_v] (PyTorch <c>in_proj_weight</c>).</param>
    /// <param name="inProjBias">(3D) or null (PyTorch <c>in_proj_bias</c>).</param>
    /// <param name="outProjWeight">(D, D) (PyTorch <c>out_proj.weight</c>).</param>
    /// <param name="outProjBias">(D) or null (PyTorch <c>out_proj.bias</c>).</param>
    /// <param name="heads">Number of heads; must divide D.</param>
    /// <param name="keyPaddingMask">
    /// Null, or B*T flags in (batch, time) order where true means "ignore this key" (padding).
    /// A query whose keys are all ignored attends to nothing: its attention weights and its context are zero,
    /// so its output is just <paramref name="outProjBias"/> and no gradient flows through its scores.
    /// (PyTorch returns NaN for such a row.)
    /// </param>
    /// <returns>The attention output, shape (B, T, D).</returns>
    /// <exception cref="ArgumentException">A shape does not fit; the message names the shapes involved.</exception>
    public static Tensor MultiHeadSelfAttention(Tensor x, Tensor inProjWeight, Tensor? inProjBias,
        Tensor outProjWeight, Tensor? outProjBias, int heads, bool[]? keyPaddingMask = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(inProjWeight);
        ArgumentNullException.ThrowIfNull(outProjWeight);
        var s = AttentionKernels.Validate(x, inProjWeight, inProjBias, outProjWeight, outProjBias, heads, keyPaddingMask);
        int n = s.Batch * s.Time, d = s.Model, d3 = 3 * d, hd = s.HeadDim, tt = s.Time * s.Time;
        var gemm = GemmProviders.Current;
        float[] xv = x.Buffer, wIn = inProjWeight.Buffer, wOut = outProjWeight.Buffer;

        // qkv = x W_in^T + b_in: (B*T, 3D); row t of batch b holds [q | k | v], head h at columns h*hd.
        var qkv = BufferPool.Rent(n * d3);
        gemm.Sgemm(false, true, n, d3, d, 1f, xv, d, wIn, d, 0f, qkv, d3);
        if (inProjBias is not null) AttentionKernels.AddRowBias(qkv, inProjBias.Buffer);

        // p = softmax(mask(Q K^T * scale)): (B, H, T, T). The GEMMs read Q and K in place (leading dimension 3D).
        var p = BufferPool.Rent(s.Batch * s.Heads * tt);
        for (var b = 0; b < s.Batch; b++)
            for (var h = 0; h < s.Heads; h++)
            {
                var q = b * s.Time * d3 + h * hd;
                gemm.Sgemm(false, true, s.Time, s.Time, hd, s.Scale, qkv.AsSpan(q), d3, qkv.AsSpan(q + d), d3,
                    0f, p.AsSpan((b * s.Heads + h) * tt, tt), s.Time);
            }
        AttentionKernels.MaskedSoftmaxRows(p, s, keyPaddingMask);

        // ctx = P V: (B*T, D), head h written to columns h*hd (leading dimension D) - the concatenation of heads.
        var ctx = BufferPool.Rent(n * d);
        for (var b = 0; b < s.Batch; b++)
            for (var h = 0; h < s.Heads; h++)
                gemm.Sgemm(false, false, s.Time, hd, s.Time, 1f, p.AsSpan((b * s.Heads + h) * tt, tt), s.Time,
                    qkv.AsSpan(b * s.Time * d3 + 2 * d + h * hd), d3, 0f, ctx.AsSpan(b * s.Time * d + h * hd), d);

        // y = ctx W_out^T + b_out: (B*T, D).
        var y = BufferPool.Rent(n * d);
        gemm.Sgemm(false, true, n, d, d, 1f, ctx, d, wOut, d, 0f, y, d);
        if (outProjBias is not null) AttentionKernels.AddRowBias(y, outProjBias.Buffer);

        var inputs = new List<Tensor>(5) { x, inProjWeight, outProjWeight };
        if (inProjBias is not null) inputs.Add(inProjBias);
        if (outProjBias is not null) inputs.Add(outProjBias);
        return Tensor.FromOp(y, x.Shape, "multi_head_self_attention", [.. inputs], [qkv, p, ctx],
            g => AttentionBackward(g, s, x, inProjWeight, inProjBias, outProjWeight, outProjBias, qkv, p, ctx));
    }

    /// <summary>
    /// Backward of <see cref="MultiHeadSelfAttention"/> from the output gradient <paramref name="g"/> (B*T, D),
    /// reusing the forward's qkv, attention weights p and concatenated context ctx.
    /// </summary>
    private static void AttentionBackward(float[] g, AttentionShape s, Tensor x, Tensor inProjWeight, Tensor? inProjBias,
        Tensor outProjWeight, Tensor? outProjBias, float[] qkv, float[] p, float[] ctx)
    {
        var gemm = GemmProviders.Current;
        int n = s.Batch * s.Time, d = s.Model, d3 = 3 * d, hd = s.HeadDim, tt = s.Time * s.Time;
        float[] wIn = inProjWeight.Buffer, wOut = outProjWeight.Buffer;

        // Output projection: dW_out += g^T ctx, db_out += colsum(g).
        if (outProjWeight.TracksGrad) gemm.Sgemm(true, false, d, d, n, 1f, g, d, ctx, d, 1f, Tensor.GradBuffer(outProjWeight), d);
        if (outProjBias is { TracksGrad: true }) AttentionKernels.AccumulateColumnSums(g, Tensor.GradBuffer(outProjBias));
        if (!x.TracksGrad && !inProjWeight.TracksGrad && inProjBias is not { TracksGrad: true }) return;

        // dctx = g W_out: (B*T, D); head h's dO is columns h*hd.
        var dctx = BufferPool.Rent(n * d);
        gemm.Sgemm(false, false, n, d, d, 1f, g, d, wOut, d, 0f, dctx, d);

        // dP = dO V^T for every (batch, head), then dS = P * (dP - rowsum(dP * P)) (softmax backward) in place.
        var ds = BufferPool.Rent(p.Length);
        for (var b = 0; b < s.Batch; b++)
            for (var h = 0; h < s.Heads; h++)
                gemm.Sgemm(false, true, s.Time, s.Time, hd, 1f, dctx.AsSpan(b * s.Time * d + h * hd), d,
                    qkv.AsSpan(b * s.Time * d3 + 2 * d + h * hd), d3, 0f, ds.AsSpan((b * s.Heads + h) * tt, tt), s.Time);
        AttentionKernels.SoftmaxBackwardRows(p, ds, s);

        // dqkv: (B*T, 3D) with dQ = dS K * scale, dK = dS^T Q * scale, dV = P^T dO, written in place per head.
        var dqkv = BufferPool.Rent(n * d3);
        for (var b = 0; b < s.Batch; b++)
            for (var h = 0; h < s.Heads; h++)
            {
                var q = b * s.Time * d3 + h * hd;
                var pHead = p.AsSpan((b * s.Heads + h) * tt, tt);
                var dsHead = ds.AsSpan((b * s.Heads + h) * tt, tt);
                gemm.Sgemm(false, false, s.Time, hd, s.Time, s.Scale, dsHead, s.Time, qkv.AsSpan(q + d), d3, 0f, dqkv.AsSpan(q), d3);
                gemm.Sgemm(true, false, s.Time, hd, s.Time, s.Scale, dsHead, s.Time, qkv.AsSpan(q), d3, 0f, dqkv.AsSpan(q + d), d3);
                gemm.Sgemm(true, false, s.Time, hd, s.Time, 1f, pHead, s.Time, dctx.AsSpan(b * s.Time * d + h * hd), d,
                    0f, dqkv.AsSpan(q + 2 * d), d3);
            }

        // Input projection: dW_in += dqkv^T x, db_in += colsum(dqkv), dx += dqkv W_in.
        if (inProjWeight.TracksGrad) gemm.Sgemm(true, false, d3, d, n, 1f, dqkv, d3, x.Buffer, d, 1f, Tensor.GradBuffer(inProjWeight), d);
        if (inProjBias is { TracksGrad: true }) AttentionKernels.AccumulateColumnSums(dqkv, Tensor.GradBuffer(inProjBias));
        if (x.TracksGrad) gemm.Sgemm(false, false, n, d, d3, 1f, dqkv, d3, wIn, d, 1f, Tensor.GradBuffer(x), d);
        BufferPool.Return(dctx);
        BufferPool.Return(ds);
        BufferPool.Return(dqkv);
    }
}
