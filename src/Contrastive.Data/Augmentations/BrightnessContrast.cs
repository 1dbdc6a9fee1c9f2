using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// The bench spec's jitter, exactly as the PyTorch peer computes it: y = (b x - m) c + m with
/// b ~ U(1 - brightness, 1 + brightness), c ~ U(1 - contrast, 1 + contrast) and m the mean luma of the
/// input image; fixed order and no intermediate clamp (follow it with <see cref="Clamp"/>). Unlike
/// <see cref="ColorJitter"/>, contrast pivots on the mean before brightening.
/// </summary>
public sealed class BrightnessContrast : IImageAugmentation
{
    /// <summary>Creates the transform.</summary>
    /// <exception cref="ArgumentException">An amount is negative, not finite or at least 1.</exception>
    public BrightnessContrast(float brightness, float contrast)
    {
        if (!(brightness is >= 0 and < 1) || !(contrast is >= 0 and < 1))
            throw new ArgumentException($"BrightnessContrast: amounts must be in [0, 1), got brightness {brightness}, contrast {contrast}");
        (Brightness, Contrast) = (brightness, contrast);
    }

    /// <summary>Brightness amount.</summary>
    public float Brightness { get; }

    /// <summary>Contrast amount.</summary>
    public float Contrast { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input)
    {
        ColorOps.RequireGreyOrRgb(input, nameof(BrightnessContrast));
        return input;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        ColorOps.RequireGreyOrRgb(geometry, nameof(BrightnessContrast));
        var b = rng.Uniform(1 - Brightness, 1 + Brightness);
        var c = rng.Uniform(1 - Contrast, 1 + Contrast);
        var mean = ColorOps.MeanLuma(src, geometry);
        src.CopyTo(dst);
        // (b x - m) c + m = (b c) x + m (1 - c)
        ColorOps.AffineClamp(dst, b * c, mean * (1 - c), float.NegativeInfinity, float.PositiveInfinity);
    }
}
