using System.Numerics.Tensors;
using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// torchvision's <c>GaussianBlur</c>: sigma ~ U(<see cref="SigmaLow"/>, <see cref="SigmaHigh"/>), a normalised
/// kernel k_i = exp(-x_i^2 / (2 sigma^2)) at x_i = i - (size - 1) / 2, applied separably (rows, then columns)
/// with reflect padding (-1 -> 1, n -> n - 2).
/// </summary>
public sealed class GaussianBlur : IImageAugmentation
{
    /// <summary>Creates the transform.</summary>
    /// <exception cref="ArgumentException">The kernel size is not odd and positive, or the sigma range is invalid.</exception>
    public GaussianBlur(int kernelSize, float sigmaLow = 0.1f, float sigmaHigh = 2f)
    {
        if (kernelSize <= 0 || kernelSize % 2 == 0) throw new ArgumentException($"GaussianBlur: kernel size must be odd and positive, got {kernelSize}");
        if (!(sigmaLow > 0 && sigmaLow <= sigmaHigh && float.IsFinite(sigmaHigh)))
            throw new ArgumentException($"GaussianBlur: sigma range must satisfy 0 < low <= high, got ({sigmaLow}, {sigmaHigh})");
        (KernelSize, SigmaLow, SigmaHigh) = (kernelSize, sigmaLow, sigmaHigh);
    }

    /// <summary>Kernel size (odd).</summary>
    public int KernelSize { get; }

    /// <summary>Smallest sigma in pixels.</summary>
    public float SigmaLow { get; }

    /// <summary>Largest sigma in pixels.</summary>
    public float SigmaHigh { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input)
    {
        var half = KernelSize / 2;
        if (half >= input.Height || half >= input.Width)
            throw new ArgumentException($"GaussianBlur: kernel size {KernelSize} needs reflect padding {half}, which must be smaller than the image {input}");
        return input;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        OutputGeometry(geometry);
        Blur(src, geometry, dst, rng.Uniform(SigmaLow, SigmaHigh), scratch);
    }

    /// <summary>Blurs with exactly <paramref name="sigma"/>.</summary>
    internal void Blur(ReadOnlySpan<float> src, ImageGeometry g, Span<float> dst, float sigma, AugmentationScratch scratch)
    {
        int half = KernelSize / 2, h = g.Height, w = g.Width;
        using var frame = scratch.Frame();
        var kernel = frame.Floats(KernelSize);
        for (var i = 0; i < KernelSize; i++)
        {
            var x = (i - half) / sigma;
            kernel[i] = MathF.Exp(-0.5f * x * x);
        }
        TensorPrimitives.Divide(kernel, TensorPrimitives.Sum(kernel), kernel);
        var padded = frame.Floats(w + 2 * half);
        var rows = frame.Floats(g.Plane);
        for (var c = 0; c < g.Channels; c++)
        {
            var plane = src.Slice(c * g.Plane, g.Plane);
            for (var y = 0; y < h; y++)
            {
                // Horizontal pass: out[x] = sum_k kernel[k] * padded[x + k].
                var row = plane.Slice(y * w, w);
                row.CopyTo(padded.Slice(half, w));
                for (var p = 1; p <= half; p++)
                {
                    padded[half - p] = row[p];
                    padded[half + w - 1 + p] = row[w - 1 - p];
                }
                var outRow = rows.Slice(y * w, w);
                TensorPrimitives.Multiply(padded[..w], kernel[0], outRow);
                for (var k = 1; k < KernelSize; k++) TensorPrimitives.MultiplyAdd(padded.Slice(k, w), kernel[k], outRow, outRow);
            }
            var outPlane = dst.Slice(c * g.Plane, g.Plane);
            for (var y = 0; y < h; y++)
            {
                // Vertical pass: out[y] = sum_k kernel[k] * rows[reflect(y + k - half)].
                var outRow = outPlane.Slice(y * w, w);
                TensorPrimitives.Multiply(rows.Slice(Reflect(y - half, h) * w, w), kernel[0], outRow);
                for (var k = 1; k < KernelSize; k++)
                    TensorPrimitives.MultiplyAdd(rows.Slice(Reflect(y + k - half, h) * w, w), kernel[k], outRow, outRow);
            }
        }
    }

    private static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
}
