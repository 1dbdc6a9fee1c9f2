using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// torchvision's <c>RandomErasing</c> (value mode): up to 10 attempts of area fraction ~ U(scale) and
/// log-aspect ~ U(log ratio), h = round(sqrt(area * aspect)), w = round(sqrt(area / aspect)); the first
/// box with h &lt; H and w &lt; W is filled with <see cref="Value"/> in every channel. When no attempt fits
/// the image is returned unchanged.
/// </summary>
public sealed class RandomErasing : IImageAugmentation
{
    private const int Attempts = 10;

    /// <summary>Creates the transform with torchvision's defaults.</summary>
    /// <exception cref="ArgumentException">A range is empty or out of bounds.</exception>
    public RandomErasing(float scaleLow = 0.02f, float scaleHigh = 0.33f, float ratioLow = 0.3f, float ratioHigh = 3.3f, float value = 0f)
    {
        if (!(scaleLow > 0 && scaleLow <= scaleHigh && scaleHigh <= 1))
            throw new ArgumentException($"RandomErasing: scale range must satisfy 0 < low <= high <= 1, got ({scaleLow}, {scaleHigh})");
        if (!(ratioLow > 0 && ratioLow <= ratioHigh))
            throw new ArgumentException($"RandomErasing: ratio range must satisfy 0 < low <= high, got ({ratioLow}, {ratioHigh})");
        (ScaleLow, ScaleHigh, RatioLow, RatioHigh, Value) = (scaleLow, scaleHigh, ratioLow, ratioHigh, value);
    }

    /// <summary>Area fraction range, low end.</summary>
    public float ScaleLow { get; }

    /// <summary>Area fraction range, high end.</summary>
    public float ScaleHigh { get; }

    /// <summary>Aspect range, low end.</summary>
    public float RatioLow { get; }

    /// <summary>Aspect range, high end.</summary>
    public float RatioHigh { get; }

    /// <summary>Fill value.</summary>
    public float Value { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input) => input;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        src.CopyTo(dst);
        int imageH = geometry.Height, imageW = geometry.Width;
        var area = (float)imageH * imageW;
        float logLow = MathF.Log(RatioLow), logHigh = MathF.Log(RatioHigh);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var eraseArea = area * rng.Uniform(ScaleLow, ScaleHigh);
            var aspect = MathF.Exp(rng.Uniform(logLow, logHigh));
            var h = (int)MathF.Round(MathF.Sqrt(eraseArea * aspect), MidpointRounding.ToEven);
            var w = (int)MathF.Round(MathF.Sqrt(eraseArea / aspect), MidpointRounding.ToEven);
            if (!(h < imageH && w < imageW)) continue;
            var top = rng.NextInt(imageH - h + 1);
            var left = rng.NextInt(imageW - w + 1);
            Fill(dst, geometry, top, left, h, w, Value);
            return;
        }
    }

    /// <summary>Sets the box (top, left, h, w) of every channel to <paramref name="value"/>.</summary>
    private static void Fill(Span<float> img, ImageGeometry g, int top, int left, int h, int w, float value)
    {
        for (var c = 0; c < g.Channels; c++)
            for (var y = top; y < top + h; y++)
                img.Slice(c * g.Plane + y * g.Width + left, w).Fill(value);
    }
}
