using System.Buffers;
using System.Numerics.Tensors;
using Contrastive.Gemm;

namespace Contrastive.Tensors;

/// <summary>
/// The work of one convolution, a chunk of images at a time: the chunk's im2row matrices (chunk*L, R) sit in one
/// L2-sized buffer so that a single GEMM covers the chunk, with M = chunk*L large and N = O or R a multiple of the
/// micro-kernel width on usual layers. Threads take contiguous image ranges and run serial GEMMs (the batch is the
/// parallel dimension, never nested with GEMM threads); grad_W is summed per thread, then over threads in order.
/// </summary>
internal sealed unsafe class ConvChunks(ConvGeometry geometry, int outChannels, float[] tapsLastWeight)
{
    /// <summary>About 1 MB of im2row rows or transposed outputs per chunk: half of one core's L2 on the reference machine.</summary>
    private const int ChunkFloats = 1 << 18;

    private static readonly ManagedGemm s_gemm = SerialGemm();

    public ConvGeometry Geometry { get; } = geometry;

    private int Taps => Geometry.Taps;

    private int RowFloats => Geometry.Positions * Taps;

    private int OutFloats => Geometry.Positions * outChannels;

    private int ChunkImages => Math.Max(1, ChunkFloats / Math.Max(RowFloats, OutFloats));

    /// <summary>y (N, O, L) = conv(x); every element of y is written.</summary>
    public void Forward(float[] x, float[] y, int n)
    {
        var g = Geometry;
        Parallelism.ForParts(n, Math.Min(n, Engine.Threads), (_, start, end) =>
        {
            using var scratch = new Scratch(ChunkImages * RowFloats, ChunkImages * OutFloats, NeedsChannelLast ? g.ImageSize : 0);
            fixed (float* xp = x, yp = y, rows = scratch.Rows, outs = scratch.Out, image = scratch.Image)
                for (var i0 = start; i0 < end; i0 += ChunkImages)
                {
                    var m = Math.Min(ChunkImages, end - i0);
                    for (var j = 0; j < m; j++) PackImage(xp + (nint)(i0 + j) * g.ImageSize, rows + (nint)j * RowFloats, image);
                    s_gemm.Sgemm(false, true, m * g.Positions, outChannels, Taps, 1f, scratch.Rows.AsSpan(0, m * RowFloats), Taps,
                        tapsLastWeight, Taps, 0f, scratch.Out.AsSpan(0, m * OutFloats), outChannels);
                    for (var j = 0; j < m; j++)
                        Transposes.Run(outs + (nint)j * OutFloats, g.Positions, outChannels, outChannels, yp + (nint)(i0 + j) * OutFloats, g.Positions);
                }
        });
    }

    /// <summary>
    /// From grad_y (N, O, L): <paramref name="gradWeight"/> (O, R in tap order) += grad_W' when given, and
    /// <paramref name="gradX"/> (N, C, H, W) += grad_x when given.
    /// </summary>
    public void Backward(float[] grad, float[] x, int n, float[]? gradWeight, float[]? gradX)
    {
        var g = Geometry;
        var parts = Math.Min(n, Engine.Threads);
        var partials = new float[parts][];
        Parallelism.ForParts(n, parts, (part, start, end) =>
        {
            using var scratch = new Scratch(ChunkImages * RowFloats, ChunkImages * OutFloats, NeedsChannelLast ? g.ImageSize : 0);
            var gw = gradWeight is null ? null : part == 0 ? gradWeight : partials[part] = new float[gradWeight.Length];
            fixed (float* xp = x, gp = grad, gxp = gradX, rows = scratch.Rows, outs = scratch.Out, image = scratch.Image)
                for (var i0 = start; i0 < end; i0 += ChunkImages)
                {
                    var m = Math.Min(ChunkImages, end - i0);
                    // grad_y^T (chunk*L, O), the A operand of both products.
                    for (var j = 0; j < m; j++)
                        Transposes.Run(gp + (nint)(i0 + j) * OutFloats, outChannels, g.Positions, g.Positions, outs + (nint)j * OutFloats, outChannels);
                    var gradOut = scratch.Out.AsSpan(0, m * OutFloats);
                    if (gw is not null)
                    {
                        // grad_W' (O, R) += grad_y^T^T (O, chunk*L) @ rows (chunk*L, R).
                        for (var j = 0; j < m; j++) PackImage(xp + (nint)(i0 + j) * g.ImageSize, rows + (nint)j * RowFloats, image);
                        s_gemm.Sgemm(true, false, outChannels, Taps, m * g.Positions, 1f, gradOut, outChannels, scratch.Rows.AsSpan(0, m * RowFloats), Taps, 1f, gw, Taps);
                    }
                    if (gxp is null) continue;
                    // grad_rows (chunk*L, R) = grad_y^T (chunk*L, O) @ W' (O, R), added back onto the images by row2im.
                    s_gemm.Sgemm(false, false, m * g.Positions, Taps, outChannels, 1f, gradOut, outChannels, tapsLastWeight, Taps, 0f, scratch.Rows.AsSpan(0, m * RowFloats), Taps);
                    for (var j = 0; j < m; j++) UnpackImage(rows + (nint)j * RowFloats, gxp + (nint)(i0 + j) * g.ImageSize, image);
                }
        });
        if (gradWeight is null) return;
        for (var p = 1; p < parts; p++)
            TensorPrimitives.Add(gradWeight, partials[p], gradWeight);
    }

    /// <summary>The weight (O, C, kh, kw) in tap order (O, kh, kw, C); the same array when the two orders coincide.</summary>
    public static float[] TapsLast(float[] weight, int o, in ConvGeometry g)
    {
        if (g.Channels == 1 || g.Kh * g.Kw == 1) return weight;
        var result = new float[weight.Length];
        int c = g.Channels, taps = g.Kh * g.Kw;
        for (var f = 0; f < o; f++)
            for (var ch = 0; ch < c; ch++)
                for (var t = 0; t < taps; t++)
                    result[(f * taps + t) * c + ch] = weight[(f * c + ch) * taps + t];
        return result;
    }

    /// <summary>dst (O, C, kh, kw) += src (O, kh, kw, C), the inverse permutation of <see cref="TapsLast"/>.</summary>
    public static void AddTapsFirst(float[] src, float[] dst, int o, in ConvGeometry g)
    {
        int c = g.Channels, taps = g.Kh * g.Kw;
        for (var f = 0; f < o; f++)
            for (var ch = 0; ch < c; ch++)
                for (var t = 0; t < taps; t++)
                    dst[(f * c + ch) * taps + t] += src[(f * taps + t) * c + ch];
    }

    /// <summary>A (C, H, W) image with several channels must be made channel-last before im2row; one channel already is.</summary>
    private bool NeedsChannelLast => Geometry.Channels > 1 && !Geometry.IsPointwise;

    /// <summary>Writes the im2row matrix of one (C, H, W) image; <paramref name="channelLast"/> is H*W*C floats of scratch.</summary>
    private void PackImage(float* image, float* rows, float* channelLast)
    {
        var g = Geometry;
        int plane = g.Height * g.Width;
        if (g.IsPointwise) Transposes.Run(image, g.Channels, plane, plane, rows, g.Channels);
        else if (!NeedsChannelLast) Im2Row.Pack(image, rows, g);
        else
        {
            Transposes.Run(image, g.Channels, plane, plane, channelLast, g.Channels);
            Im2Row.Pack(channelLast, rows, g);
        }
    }

    /// <summary>Adds the gradient of one image's im2row matrix onto its (C, H, W) gradient (the adjoint of <see cref="PackImage"/>).</summary>
    private void UnpackImage(float* rows, float* gradImage, float* channelLast)
    {
        var g = Geometry;
        int plane = g.Height * g.Width;
        if (g.IsPointwise) Transposes.Run(rows, plane, g.Channels, g.Channels, gradImage, plane, accumulate: true);
        else if (!NeedsChannelLast) Im2Row.Accumulate(rows, gradImage, g);
        else
        {
            new Span<float>(channelLast, g.ImageSize).Clear();
            Im2Row.Accumulate(rows, channelLast, g);
            Transposes.Run(channelLast, plane, g.Channels, g.Channels, gradImage, plane, accumulate: true);
        }
    }

    private static ManagedGemm SerialGemm()
    {
        var gemm = new ManagedGemm();
        gemm.SetThreads(1);
        return gemm;
    }

    /// <summary>One thread's pooled buffers: im2row rows, transposed outputs and a channel-last image.</summary>
    private readonly record struct Scratch(float[] Rows, float[] Out, float[] Image) : IDisposable
    {
        public Scratch(int rows, int outputs, int image)
            : this(ArrayPool<float>.Shared.Rent(rows), ArrayPool<float>.Shared.Rent(outputs), ArrayPool<float>.Shared.Rent(Math.Max(1, image)))
        {
        }

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(Rows);
            ArrayPool<float>.Shared.Return(Out);
            ArrayPool<float>.Shared.Return(Image);
        }
    }
}
