using System.Buffers;
using System.Numerics.Tensors;
using Contrastive.Gemm;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as in PyTorch) of <paramref name="x"/> (N, C, H, W) with
    /// <paramref name="weight"/> (O, C, kh, kw) and an optional <paramref name="bias"/> (O): symmetric zero
    /// <paramref name="padding"/>, no dilation, one group. Returns (N, O, OH, OW) with OH = (H + 2P - kh) / S + 1.
    /// </summary>
    /// <remarks>
    /// im2col + GEMM, one GEMM per image: out_n (O, L) = W (O, R) @ col_n (R, L) with R = C*kh*kw taps and
    /// L = OH*OW positions, which lands directly in NCHW. Measured on the bench shapes (B = 256), this beat one
    /// batched GEMM W @ [col_0 .. col_N-1] (O, N*L), whose (O, N, L) result needs a permute to (N, O, L) and
    /// whose backward needs the inverse permute of the gradient. The column matrices are built a few images at
    /// a time (in parallel over those images) into a pooled buffer that stays in L2 while the GEMMs read it,
    /// and are rebuilt in the backward pass rather than kept: the whole batch's would be ~60 MB per layer.
    /// </remarks>
    /// <exception cref="ArgumentException">Ranks, channel counts or bias length disagree, or the kernel does not fit; the message names the shapes.</exception>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0)
    {
        var g = ConvCheck(x, weight, bias, stride, padding);
        int n = x.Size(0), o = weight.Size(0), rows = g.Rows, positions = g.Positions;
        float[] xv = x.Buffer, w = weight.Buffer;
        var y = new float[n * o * positions];
        var gemm = GemmProviders.Current;
        ForEachColumnChunk(xv, n, g, pack: true, (col, at, i) =>
            gemm.Sgemm(false, false, o, positions, rows, 1f, w, rows, col.AsSpan(at), positions, 0f, y.AsSpan(i * o * positions), positions), null);
        if (bias is not null) AddBias(y, bias.Buffer, n, o, positions);
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Tensor.FromOp(y, [n, o, g.OutH, g.OutW], "conv2d", inputs, grad => ConvBackward(grad, x, weight, bias, g));
    }

    private static void ConvBackward(float[] grad, Tensor x, Tensor weight, Tensor? bias, ConvGeometry g)
    {
        int n = x.Size(0), o = weight.Size(0), rows = g.Rows, positions = g.Positions;
        var gemm = GemmProviders.Current;
        if (bias is not null && bias.TracksGrad)
        {
            // grad_b[o] = sum over images and positions of grad_out.
            var gb = Tensor.GradBuffer(bias);
            for (var i = 0; i < n; i++)
                for (var c = 0; c < o; c++)
                    gb[c] += TensorPrimitives.Sum(grad.AsSpan((i * o + c) * positions, positions));
        }
        if (!weight.TracksGrad && !x.TracksGrad) return;
        var w = weight.Buffer;
        var gw = weight.TracksGrad ? Tensor.GradBuffer(weight) : null;
        var gx = x.TracksGrad ? Tensor.GradBuffer(x) : null;
        // grad_W (O, R) += grad_out_n (O, L) @ col_n^T (L, R), summed over the images;
        // grad_col_n (R, L) = W^T (R, O) @ grad_out_n (O, L), which col2im adds back onto grad_x
        // (a pointwise convolution's grad_col is grad_x itself, accumulated by the GEMM with beta = 1).
        var gcol = gx is null || g.IsPointwise ? null : ArrayPool<float>.Shared.Rent(ChunkImages(n, g) * rows * positions);
        ForEachColumnChunk(x.Buffer, n, g, pack: gw is not null, (col, at, i) =>
        {
            var gi = grad.AsSpan(i * o * positions, o * positions);
            if (gw is not null) gemm.Sgemm(false, true, o, rows, positions, 1f, gi, positions, col.AsSpan(at), positions, 1f, gw, rows);
            if (gx is null) return;
            if (gcol is null) gemm.Sgemm(true, false, rows, positions, o, 1f, w, rows, gi, positions, 1f, gx.AsSpan(at), positions);
            else gemm.Sgemm(true, false, rows, positions, o, 1f, w, rows, gi, positions, 0f, gcol.AsSpan(at), positions);
        }, gcol is null ? null : (start, end) => Parallelism.ForChunks(end - start, 1, (s, e) =>
        {
            for (var j = s; j < e; j++)
                Im2Col.Accumulate(gcol.AsSpan(j * rows * positions), positions, gx!.AsSpan((start + j) * g.ImageSize, g.ImageSize), g);
        }));
        if (gcol is not null) ArrayPool<float>.Shared.Return(gcol);
    }

    /// <summary>About 1 MB of column matrices per chunk: half of one core's L2 on the reference machine.</summary>
    private const int ColumnChunkFloats = 1 << 18;

    private static int ChunkImages(int n, in ConvGeometry g) => Math.Clamp(ColumnChunkFloats / (g.Rows * g.Positions), 1, Math.Max(1, n));

    /// <summary>
    /// Walks the batch a chunk of images at a time: packs the chunk's column matrices (image j of the chunk at
    /// j*R*L, in parallel) when <paramref name="pack"/>, calls <paramref name="perImage"/>(buffer, offset of
    /// the image's columns, image index) for each image, then <paramref name="afterChunk"/>(start, end).
    /// A pointwise convolution passes the input itself, whose image i is its own column matrix.
    /// </summary>
    private static void ForEachColumnChunk(float[] xv, int n, ConvGeometry g, bool pack, Action<float[], int, int> perImage, Action<int, int>? afterChunk)
    {
        var size = g.Rows * g.Positions;
        var chunk = ChunkImages(n, g);
        var col = g.IsPointwise ? xv : ArrayPool<float>.Shared.Rent(chunk * size);
        for (var start = 0; start < n; start += chunk)
        {
            var end = Math.Min(n, start + chunk);
            if (pack && !g.IsPointwise)
                Parallelism.ForChunks(end - start, 1, (s, e) =>
                {
                    for (var j = s; j < e; j++) Im2Col.Pack(xv.AsSpan((start + j) * g.ImageSize, g.ImageSize), col.AsSpan(j * size, size), g.Positions, g);
                });
            for (var i = start; i < end; i++) perImage(col, g.IsPointwise ? i * size : (i - start) * size, i);
            afterChunk?.Invoke(start, end);
        }
        if (col != xv) ArrayPool<float>.Shared.Return(col);
    }

    private static void AddBias(float[] y, float[] bias, int n, int o, int positions)
    {
        for (var i = 0; i < n; i++)
            for (var c = 0; c < o; c++)
            {
                var row = y.AsSpan((i * o + c) * positions, positions);
                TensorPrimitives.Add(row, bias[c], row);
            }
    }

    private static ConvGeometry ConvCheck(Tensor x, Tensor weight, Tensor? bias, int stride, int padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        if (x.Rank != 4 || weight.Rank != 4)
            throw new ArgumentException($"conv2d needs input (N, C, H, W) and weight (O, C, kh, kw), got {Shapes.Format(x.Shape)} and {Shapes.Format(weight.Shape)}");
        if (x.Size(1) != weight.Size(1))
            throw new ArgumentException($"conv2d: input {Shapes.Format(x.Shape)} has {x.Size(1)} channels but weight {Shapes.Format(weight.Shape)} expects {weight.Size(1)}");
        if (bias is not null && (bias.Rank != 1 || bias.Length != weight.Size(0)))
            throw new ArgumentException($"conv2d: bias {Shapes.Format(bias.Shape)} must be ({weight.Size(0)}) for weight {Shapes.Format(weight.Shape)}");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), $"conv2d stride must be at least 1, got {stride}");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), $"conv2d padding must be non-negative, got {padding}");
        var g = new ConvGeometry(x.Size(1), x.Size(2), x.Size(3), weight.Size(2), weight.Size(3), stride, padding);
        if (g.Kh < 1 || g.Kw < 1 || x.Size(2) + 2 * padding < g.Kh || x.Size(3) + 2 * padding < g.Kw)
            throw new ArgumentException($"conv2d: kernel {g.Kh}x{g.Kw} does not fit input {Shapes.Format(x.Shape)} with padding {padding}");
        return g;
    }
}
