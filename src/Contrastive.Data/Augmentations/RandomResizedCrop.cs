using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// Crops a random window and resizes it to <c>Height x Width</c> (bilinear, align_corners=False, no
/// antialiasing), with torchvision's <c>RandomResizedCrop.get_params</c> semantics: up to 10 attempts of
/// area fraction ~ U(scale) and log-aspect ~ U(log ratio), w = round(sqrt(area * aspect)),
/// h = round(sqrt(area / aspect)), accepted when it fits; otherwise a centre crop clamped to the ratio range.
/// </summary>
public sealed class RandomResizedCrop : IImageAugmentation
{
    private const int Attempts = 10;
    private readonly float _logRatioLow, _logRatioHigh;

    /// <summary>Creates the transform.</summary>
    /// <param name="height">Output height.</param>
    /// <param name="width">Output width.</param>
    /// <param name="scaleLow">Smallest crop area as a fraction of the image area (torchvision default 0.08).</param>
    /// <param name="scaleHigh">Largest crop area fraction (default 1).</param>
    /// <param name="ratioLow">Smallest aspect ratio w/h (default 3/4).</param>
    /// <param name="ratioHigh">Largest aspect ratio w/h (default 4/3).</param>
    /// <exception cref="ArgumentException">A size is not positive or a range is empty or out of bounds.</exception>
    public RandomResizedCrop(int height, int width, float scaleLow = 0.08f, float scaleHigh = 1f, float ratioLow = 3f / 4, float ratioHigh = 4f / 3)
    {
        if (height <= 0 || width <= 0) throw new ArgumentException($"RandomResizedCrop: output size must be positive, got {height}x{width}");
        if (!(scaleLow > 0 && scaleLow <= scaleHigh && scaleHigh <= 1))
            throw new ArgumentException($"RandomResizedCrop: scale range must satisfy 0 < low <= high <= 1, got ({scaleLow}, {scaleHigh})");
        if (!(ratioLow > 0 && ratioLow <= ratioHigh))
            throw new ArgumentException($"RandomResizedCrop: ratio range must satisfy 0 < low <= high, got ({ratioLow}, {ratioHigh})");
        (Height, Width, ScaleLow, ScaleHigh, RatioLow, RatioHigh) = (height, width, scaleLow, scaleHigh, ratioLow, ratioHigh);
        _logRatioLow = MathF.Log(ratioLow);
        _logRatioHigh = MathF.Log(ratioHigh);
    }

    /// <summary>Output height.</summary>
    public int Height { get; }

    /// <summary>Output width.</summary>
    public int Width { get; }

    /// <summary>Area fraction range, low end.</summary>
    public float ScaleLow { get; }

    /// <summary>Area fraction range, high end.</summary>
    public float ScaleHigh { get; }

    /// <summary>Aspect ratio range, low end.</summary>
    public float RatioLow { get; }

    /// <summary>Aspect ratio range, high end.</summary>
    public float RatioHigh { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input) => input.WithSize(Height, Width);

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        var (top, left, h, w) = SampleWindow(geometry.Height, geometry.Width, rng);
        Bilinear.ResizeWindow(src, geometry, top, left, h, w, dst, Height, Width, scratch);
    }

    /// <summary>The crop window (top, left, height, width) for an image of <paramref name="imageH"/> x <paramref name="imageW"/>.</summary>
    internal (int Top, int Left, int Height, int Width) SampleWindow(int imageH, int imageW, Rng rng)
    {
        var area = (float)imageH * imageW;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var targetArea = area * rng.Uniform(ScaleLow, ScaleHigh);
            var aspect = MathF.Exp(rng.Uniform(_logRatioLow, _logRatioHigh));
            var w = (int)MathF.Round(MathF.Sqrt(targetArea * aspect), MidpointRounding.ToEven);
            var h = (int)MathF.Round(MathF.Sqrt(targetArea / aspect), MidpointRounding.ToEven);
            if (w > 0 && w <= imageW && h > 0 && h <= imageH)
                return (rng.NextInt(imageH - h + 1), rng.NextInt(imageW - w + 1), h, w);
        }
        var inRatio = (float)imageW / imageH;
        int cw = imageW, ch = imageH;
        if (inRatio < RatioLow) ch = Math.Max(1, (int)MathF.Round(cw / RatioLow, MidpointRounding.ToEven));
        else if (inRatio > RatioHigh) cw = Math.Max(1, (int)MathF.Round(ch * RatioHigh, MidpointRounding.ToEven));
        return ((imageH - ch) / 2, (imageW - cw) / 2, ch, cw);
    }
}
