using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Layer normalisation over the last dimension (size D): y = gamma * (x - mean) / sqrt(var + eps) + beta
    /// per row, with the row's mean and biased variance; <paramref name="gamma"/> and <paramref name="beta"/> are (D).
    /// </summary>
    /// <exception cref="ArgumentException">gamma or beta is not (D); the message names the shapes.</exception>
    public static Tensor LayerNorm(Tensor x, Tensor gamma, Tensor beta, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        if (x.Rank < 1 || x.Size(-1) == 0) throw new ArgumentException($"layer_norm needs a non-empty last dimension, got {Shapes.Format(x.Shape)}");
        var d = x.Size(-1);
        foreach (var (name, t) in new[] { ("weight", gamma), ("bias", beta) })
            if (t.Rank != 1 || t.Length != d)
                throw new ArgumentException($"layer_norm: {name} has shape {Shapes.Format(t.Shape)} but input {Shapes.Format(x.Shape)} has last dimension {d}");
        var rows = x.Length / d;
        float[] xv = x.Buffer, gv = gamma.Buffer, bv = beta.Buffer, y = BufferPool.Rent(x.Length);
        float[] mean = new float[rows], invStd = new float[rows];
        Parallelism.ForChunks(rows, Math.Max(1, 16384 / d), (s, e) =>
        {
            for (var r = s; r < e; r++)
            {
                var row = xv.AsSpan(r * d, d);
                var (sum, sumSq) = NormKernels.ShiftedMoments(row, row[0]);
                var shifted = sum / d;
                mean[r] = row[0] + shifted;
                invStd[r] = 1f / MathF.Sqrt(Math.Max(0f, sumSq / d - shifted * shifted) + eps);
                // y = (x - mean) * invstd * gamma + beta
                var dst = y.AsSpan(r * d, d);
                NormKernels.Affine(row, mean[r], invStd[r], 0f, dst);
                TensorPrimitives.MultiplyAdd(dst, gv, bv, dst);
            }
        });
        return Tensor.FromOp(y, x.Shape, "layer_norm", [x, gamma, beta], g => LayerNormBackward(g, x, gamma, beta, mean, invStd));
    }

    // Per row, with xhat = (x - mean) * invstd and h = g * gamma:
    //   grad_x = invstd / D * (D * h - sum(h) - xhat * sum(h * xhat)),
    //   grad_gamma = sum over rows of g * xhat, grad_beta = sum over rows of g.
    private static void LayerNormBackward(float[] g, Tensor x, Tensor gamma, Tensor beta, float[] mean, float[] invStd)
    {
        var d = gamma.Length;
        var rows = mean.Length;
        float[] xv = x.Buffer, gv = gamma.Buffer;
        var gx = x.TracksGrad ? Tensor.GradBuffer(x) : null;
        var gGamma = gamma.TracksGrad ? Tensor.GradBuffer(gamma) : null;
        var gBeta = beta.TracksGrad ? Tensor.GradBuffer(beta) : null;
        var gate = new object();
        Parallelism.ForChunks(rows, Math.Max(1, 16384 / d), (s, e) =>
        {
            // Parameter gradients are summed per chunk, then added under a lock.
            float[] pg = new float[d], pb = new float[d];
            for (var r = s; r < e; r++)
            {
                var at = r * d;
                float sumH = 0, sumHX = 0, m = mean[r], inv = invStd[r];
                for (var j = 0; j < d; j++)
                {
                    var xhat = (xv[at + j] - m) * inv;
                    var h = g[at + j] * gv[j];
                    sumH += h;
                    sumHX += h * xhat;
                    pg[j] += g[at + j] * xhat;
                    pb[j] += g[at + j];
                }
                if (gx is null) continue;
                float meanH = sumH / d, meanHX = sumHX / d;
                for (var j = 0; j < d; j++)
                    gx[at + j] += inv * (g[at + j] * gv[j] - meanH - (xv[at + j] - m) * inv * meanHX);
            }
            lock (gate)
            {
                if (gGamma is not null) for (var j = 0; j < d; j++) gGamma[j] += pg[j];
                if (gBeta is not null) for (var j = 0; j < d; j++) gBeta[j] += pb[j];
            }
        });
    }
}
