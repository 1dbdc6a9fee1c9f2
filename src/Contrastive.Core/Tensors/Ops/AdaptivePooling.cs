using System.Numerics.Tensors;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Adaptive average pooling of (N, C, H, W) to (N, C, S, S), as PyTorch's <c>adaptive_avg_pool2d</c>: output row i
    /// averages input rows [floor(i H / S), ceil((i + 1) H / S)), and the same for columns, so neighbouring cells
    /// overlap when S does not divide H (7 to 3 takes rows 0-2, 2-4 and 4-6). It keeps a coarse layout of the feature
    /// map that global average pooling (S = 1) throws away.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not a non-empty rank-4 tensor or <paramref name="size"/> &lt; 1.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor x, int size) => AdaptiveAvgPool2d(x, size, size);

    /// <summary>
    /// Adaptive average pooling of (N, C, H, W) to (N, C, R, K) cells, as PyTorch's <c>adaptive_avg_pool2d(x, (R, K))</c>
    /// (the windows of the square case along each axis); K = 1 averages over the columns only, as over the time
    /// frames of a spectrogram, keeping R bands of rows.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not a non-empty rank-4 tensor, or an output size is below 1.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor x, int outRows, int outCols)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 4 || x.Size(2) * x.Size(3) == 0)
            throw new ArgumentException($"adaptive_avg_pool2d needs a non-empty (N, C, H, W) input, got {Shapes.Format(x.Shape)}");
        if (outRows < 1 || outCols < 1) throw new ArgumentException($"adaptive_avg_pool2d: output size {outRows} x {outCols} must be at least 1 x 1");
        int height = x.Size(2), width = x.Size(3), planes = x.Size(0) * x.Size(1), plane = height * width, cells = outRows * outCols;
        var rows = AdaptiveWindows(height, outRows);
        var cols = AdaptiveWindows(width, outCols);
        var xv = x.Buffer;
        var y = BufferPool.Rent(planes * cells);
        Parallelism.ForChunks(planes, Math.Max(1, 32768 / plane), (s, e) =>
        {
            for (var pl = s; pl < e; pl++)
                for (var i = 0; i < outRows; i++)
                    for (var j = 0; j < outCols; j++)
                    {
                        var sum = 0f;
                        for (var h = rows[i].Lo; h < rows[i].Hi; h++)
                            sum += TensorPrimitives.Sum(xv.AsSpan(pl * plane + h * width + cols[j].Lo, cols[j].Hi - cols[j].Lo));
                        y[pl * cells + i * outCols + j] = sum / ((rows[i].Hi - rows[i].Lo) * (cols[j].Hi - cols[j].Lo));
                    }
        });
        return Tensor.FromOp(y, [x.Size(0), x.Size(1), outRows, outCols], "adaptive_avg_pool2d", [x], grad =>
        {
            var gx = Tensor.GradBuffer(x);
            Parallelism.ForChunks(planes, Math.Max(1, 32768 / plane), (s, e) =>
            {
                for (var pl = s; pl < e; pl++)
                    for (var i = 0; i < outRows; i++)
                        for (var j = 0; j < outCols; j++)
                        {
                            var share = grad[pl * cells + i * outCols + j] / ((rows[i].Hi - rows[i].Lo) * (cols[j].Hi - cols[j].Lo));
                            for (var h = rows[i].Lo; h < rows[i].Hi; h++)
                            {
                                var row = gx.AsSpan(pl * plane + h * width + cols[j].Lo, cols[j].Hi - cols[j].Lo);
                                TensorPrimitives.Add(row, share, row);
                            }
                        }
            });
        });
    }

    /// <summary>Input index ranges [floor(i n / s), ceil((i + 1) n / s)) of the <paramref name="s"/> adaptive cells over
    /// <paramref name="n"/> positions (<see cref="AdaptiveAvgPool2d(Tensor, int, int)"/>'s windows along one axis).</summary>
    public static (int Lo, int Hi)[] AdaptiveWindows(int n, int s) =>
        [.. Enumerable.Range(0, s).Select(i => (i * n / s, ((i + 1) * n + s - 1) / s))];
}
