namespace Contrastive.Data.Formats.Images;

/// <summary>
/// Converts decoded images to planar float32 in [0, 1] with a fixed channel count and size: alpha is dropped,
/// grey becomes RGB by replication and RGB becomes grey by ITU-R BT.601 luma (Y = 0.299 R + 0.587 G + 0.114 B);
/// resizing is bilinear with half-pixel centres and no antialiasing, like PyTorch's
/// <c>F.interpolate(mode="bilinear", align_corners=False)</c>.
/// </summary>
public static class ImageResampler
{
    /// <summary>Writes <paramref name="image"/> as (channels, height, width) floats into <paramref name="destination"/>.</summary>
    public static void ToPlanar(DecodedImage image, int channels, int height, int width, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var colors = image.IsColor ? 3 : 1;
        var plane = image.Height * image.Width;
        var planar = new float[colors * plane];
        var pixels = image.Pixels;
        for (var i = 0; i < plane; i++)
            for (var c = 0; c < colors; c++)
                planar[c * plane + i] = PixelScale.ToUnit(pixels[i * image.Channels + c]);
        Fit(planar, colors, image.Height, image.Width, channels, height, width, destination, "image");
    }

    /// <summary>Converts every image of <paramref name="dataset"/> to (channels, height, width) with the same rules.</summary>
    public static ImageDataset Resize(ImageDataset dataset, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Channels == channels && dataset.Height == height && dataset.Width == width) return dataset;
        var size = channels * height * width;
        var pixels = new float[(long)dataset.Count * size];
        Parallelism.ForChunks(dataset.Count, 64, (start, end) =>
        {
            for (var n = start; n < end; n++)
                Fit(dataset.Image(n), dataset.Channels, dataset.Height, dataset.Width, channels, height, width, pixels.AsSpan(n * size, size), dataset.Source);
        });
        return new ImageDataset(pixels, dataset.Count, channels, height, width, dataset.Labels, dataset.ClassNames, dataset.Source);
    }

    /// <summary>Converts one planar (channels, height, width) image to (<paramref name="channels"/>,
    /// <paramref name="height"/>, <paramref name="width"/>) with the same rules, into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The target is not 1 or 3 channels of positive size, or the destination's length differs.</exception>
    public static void Resize(ReadOnlySpan<float> source, int sourceChannels, int sourceHeight, int sourceWidth,
                              int channels, int height, int width, Span<float> destination) =>
        Fit(source, sourceChannels, sourceHeight, sourceWidth, channels, height, width, destination, "image");

    private static void Fit(ReadOnlySpan<float> source, int sourceChannels, int sourceHeight, int sourceWidth,
                            int channels, int height, int width, Span<float> destination, string what)
    {
        if (channels is not (1 or 3) || height <= 0 || width <= 0)
            throw new ArgumentException($"{what}: cannot convert to {channels}x{height}x{width} (channels 1 or 3, positive size)");
        if (destination.Length != channels * height * width)
            throw new ArgumentException($"{what}: destination holds {destination.Length} floats, a {channels}x{height}x{width} image needs {channels * height * width}");
        var plane = sourceHeight * sourceWidth;
        var sameSize = sourceHeight == height && sourceWidth == width;
        var converted = sourceChannels == channels ? source : Convert(source, sourceChannels, plane, channels, sameSize ? destination : new float[channels * plane]);
        for (var c = 0; c < channels; c++)
        {
            var input = converted.Slice(c * plane, plane);
            var output = destination.Slice(c * height * width, height * width);
            if (sameSize) input.CopyTo(output);
            else Bilinear(input, sourceHeight, sourceWidth, output, height, width);
        }
    }

    // 1 -> 3 replicates grey; 3 -> 1 is BT.601 luma.
    private static ReadOnlySpan<float> Convert(ReadOnlySpan<float> source, int sourceChannels, int plane, int channels, Span<float> output)
    {
        for (var i = 0; i < plane; i++)
        {
            if (sourceChannels == 1)
                for (var c = 0; c < channels; c++) output[c * plane + i] = source[i];
            else
                output[i] = 0.299f * source[i] + 0.587f * source[plane + i] + 0.114f * source[2 * plane + i];
        }
        return output;
    }

    // out(y, x) = lerp over rows of lerp over columns, source coordinate s = (d + 0.5) * in / out - 0.5, clamped at 0.
    private static void Bilinear(ReadOnlySpan<float> src, int inH, int inW, Span<float> dst, int outH, int outW)
    {
        var (x0, x1, wx) = Taps(inW, outW);
        var (y0, y1, wy) = Taps(inH, outH);
        for (var y = 0; y < outH; y++)
        {
            var top = src.Slice(y0[y] * inW, inW);
            var bottom = src.Slice(y1[y] * inW, inW);
            var row = dst.Slice(y * outW, outW);
            for (var x = 0; x < outW; x++)
            {
                var t = top[x0[x]] + wx[x] * (top[x1[x]] - top[x0[x]]);
                var b = bottom[x0[x]] + wx[x] * (bottom[x1[x]] - bottom[x0[x]]);
                row[x] = t + wy[y] * (b - t);
            }
        }
    }

    private static (int[] Lo, int[] Hi, float[] Weight) Taps(int inSize, int outSize)
    {
        var (lo, hi, weight) = (new int[outSize], new int[outSize], new float[outSize]);
        var scale = (float)inSize / outSize;
        for (var d = 0; d < outSize; d++)
        {
            var s = Math.Max(0f, (d + 0.5f) * scale - 0.5f);
            lo[d] = Math.Min((int)s, inSize - 1);
            hi[d] = Math.Min(lo[d] + 1, inSize - 1);
            weight[d] = s - lo[d];
        }
        return (lo, hi, weight);
    }
}
