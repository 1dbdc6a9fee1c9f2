namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Batch normalisation over dimension 1 of <paramref name="x"/> ((N, C), (N, C, L) or (N, C, H, W)):
    /// y = gamma * (x - mean) / sqrt(var + eps) + beta per channel. In training the batch mean and biased
    /// variance are used and, when given, the running statistics are updated in place as in PyTorch:
    /// running = (1 - momentum) * running + momentum * stat, with the UNBIASED variance for running_var.
    /// In eval the running statistics are used (and required).
    /// </summary>
    /// <exception cref="ArgumentException">A parameter or statistic is not (C), or training sees one value per channel.</exception>
    public static Tensor BatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor? runningMean, Tensor? runningVar,
        bool training, float momentum = 0.1f, float eps = 1e-5f) =>
        BatchNorm(x, gamma, beta, runningMean, runningVar, training, momentum, eps, relu: false);

    /// <summary>
    /// max(0, <see cref="BatchNorm(Tensor, Tensor, Tensor, Tensor?, Tensor?, bool, float, float)"/>) in one pass, as
    /// batch norm followed by ReLU: one output array instead of two, and a backward pass that recomputes the ReLU
    /// mask from the input instead of reading an intermediate gradient.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter or statistic is not (C), or training sees one value per channel.</exception>
    public static Tensor BatchNormRelu(Tensor x, Tensor gamma, Tensor beta, Tensor? runningMean, Tensor? runningVar,
        bool training, float momentum = 0.1f, float eps = 1e-5f) =>
        BatchNorm(x, gamma, beta, runningMean, runningVar, training, momentum, eps, relu: true);

    private static Tensor BatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor? runningMean, Tensor? runningVar,
        bool training, float momentum, float eps, bool relu)
    {
        var (n, c, inner) = BatchNormCheck(x, gamma, beta, runningMean, runningVar, training);
        var count = n * inner;
        float[] xv = x.Buffer, gv = gamma.Buffer, bv = beta.Buffer, y = BufferPool.Rent(x.Length);
        float[] mean = new float[c], invStd = new float[c];
        var masks = relu ? new ReluMask[c] : null;
        var rm = runningMean?.Buffer;
        var rv = runningVar?.Buffer;
        var minChannels = Math.Max(1, 32768 / Math.Max(1, count));
        Parallelism.ForChunks(c, minChannels, (s, e) =>
        {
            for (var ch = s; ch < e; ch++)
            {
                if (training)
                {
                    // One pass: moments around the channel's first value; var = E[d^2] - E[d]^2 (biased).
                    var shift = xv[ch * inner];
                    double sum = 0, sumSq = 0;
                    for (var i = 0; i < n; i++)
                    {
                        var (a, b) = NormKernels.ShiftedMoments(xv.AsSpan((i * c + ch) * inner, inner), shift);
                        sum += a;
                        sumSq += b;
                    }
                    var d = sum / count;
                    var variance = Math.Max(0, sumSq / count - d * d);
                    mean[ch] = (float)(shift + d);
                    invStd[ch] = (float)(1 / Math.Sqrt(variance + eps));
                    if (rm is not null) rm[ch] = (1 - momentum) * rm[ch] + momentum * mean[ch];
                    if (rv is not null) rv[ch] = (float)((1 - momentum) * rv[ch] + momentum * variance * count / (count - 1));
                }
                else
                {
                    mean[ch] = rm![ch];
                    invStd[ch] = 1f / MathF.Sqrt(rv![ch] + eps);
                }
                // y = (x - mean) * scale + beta with scale = gamma * invstd (then max(0, y) when fused with ReLU).
                var scale = gv[ch] * invStd[ch];
                if (masks is not null) masks[ch] = new ReluMask(scale, bv[ch]);
                for (var i = 0; i < n; i++)
                {
                    var at = (i * c + ch) * inner;
                    NormKernels.Affine(xv.AsSpan(at, inner), mean[ch], scale, bv[ch], y.AsSpan(at, inner), relu);
                }
            }
        });
        return Tensor.FromOp(y, x.Shape, relu ? "batch_norm_relu" : "batch_norm", [x, gamma, beta], g =>
            BatchNormBackward(g, x, gamma, beta, mean, invStd, training, masks, n, c, inner));
    }

    // With xhat = (x - mean) * invstd over M = N * inner values per channel, and g the gradient of the batch-norm
    // output (when fused with ReLU: the output gradient where gamma * xhat + beta > 0, else 0):
    //   grad_beta = sum(g), grad_gamma = sum(g * xhat),
    //   training: grad_x = gamma * invstd / M * (M * g - sum(g) - xhat * sum(g * xhat))
    //   eval:     grad_x = gamma * invstd * g (the statistics are constants).
    private static void BatchNormBackward(float[] g, Tensor x, Tensor gamma, Tensor beta, float[] mean, float[] invStd,
        bool training, ReluMask[]? masks, int n, int c, int inner)
    {
        var count = n * inner;
        float[] xv = x.Buffer, gv = gamma.Buffer;
        var gx = x.TracksGrad ? Tensor.GradBuffer(x) : null;
        var gGamma = gamma.TracksGrad ? Tensor.GradBuffer(gamma) : null;
        var gBeta = beta.TracksGrad ? Tensor.GradBuffer(beta) : null;
        var needMoments = gGamma is not null || gBeta is not null || (training && gx is not null);
        Parallelism.ForChunks(c, Math.Max(1, 32768 / Math.Max(1, count)), (s, e) =>
        {
            for (var ch = s; ch < e; ch++)
            {
                double sumG = 0, sumGX = 0;
                var mask = masks?[ch] ?? default;
                for (var i = 0; i < n && needMoments; i++)
                {
                    var at = (i * c + ch) * inner;
                    var (a, b) = NormKernels.GradMoments(g.AsSpan(at, inner), xv.AsSpan(at, inner), mean[ch], mask);
                    sumG += a;
                    sumGX += b;
                }
                var sumGXhat = sumGX * invStd[ch];
                if (gGamma is not null) gGamma[ch] += (float)sumGXhat;
                if (gBeta is not null) gBeta[ch] += (float)sumG;
                if (gx is null) continue;
                // grad_x += k * g + slope * (x - mean) + offset, the formula above expanded per channel.
                var k = gv[ch] * invStd[ch];
                var slope = training ? (float)(-k * invStd[ch] * sumGXhat / count) : 0f;
                var offset = training ? (float)(-k * sumG / count) : 0f;
                for (var i = 0; i < n; i++)
                {
                    var at = (i * c + ch) * inner;
                    NormKernels.AddLinear(gx.AsSpan(at, inner), g.AsSpan(at, inner), k, xv.AsSpan(at, inner), mean[ch], slope, offset, mask);
                }
            }
        });
    }

    private static (int N, int C, int Inner) BatchNormCheck(Tensor x, Tensor gamma, Tensor beta, Tensor? runningMean, Tensor? runningVar, bool training)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        if (x.Rank < 2) throw new ArgumentException($"batch_norm needs input (N, C, ...), got {Shapes.Format(x.Shape)}");
        int n = x.Size(0), c = x.Size(1);
        var inner = c == 0 || n == 0 ? 0 : x.Length / (n * c);
        foreach (var (name, t) in new[] { ("weight", gamma), ("bias", beta), ("running_mean", runningMean), ("running_var", runningVar) })
            if (t is not null && (t.Rank != 1 || t.Length != c))
                throw new ArgumentException($"batch_norm: {name} has shape {Shapes.Format(t.Shape)} but input {Shapes.Format(x.Shape)} has {c} channels");
        if (training && n * inner < 2)
            throw new ArgumentException($"batch_norm: training needs more than one value per channel, input is {Shapes.Format(x.Shape)}");
        if (!training && (runningMean is null || runningVar is null))
            throw new ArgumentException("batch_norm: eval mode needs running_mean and running_var");
        return (n, c, inner);
    }
}
