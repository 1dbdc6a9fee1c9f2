using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// torchvision's <c>ColorJitter</c>: brightness, contrast, saturation and hue adjustments in a random
/// order, with factors b, c, s ~ U(max(0, 1 - amount), 1 + amount) and hue shift ~ U(-hue, hue), each result
/// clamped to [0, 1]. Contrast blends towards the mean luma of the image. On one channel only brightness
/// and contrast apply (all factors are still drawn, so the random stream does not depend on the channel count).
/// </summary>
public sealed class ColorJitter : IImageAugmentation
{
    /// <summary>Creates the transform; an amount of 0 disables that adjustment.</summary>
    /// <exception cref="ArgumentException">An amount is negative or not finite, or hue is above 0.5.</exception>
    public ColorJitter(float brightness, float contrast, float saturation, float hue)
    {
        foreach (var (name, value) in new[] { ("brightness", brightness), ("contrast", contrast), ("saturation", saturation), ("hue", hue) })
            if (!(value >= 0 && float.IsFinite(value))) throw new ArgumentException($"ColorJitter: {name} must be a finite non-negative amount, got {value}");
        if (hue > 0.5f) throw new ArgumentException($"ColorJitter: hue must be at most 0.5, got {hue}");
        (Brightness, Contrast, Saturation, Hue) = (brightness, contrast, saturation, hue);
    }

    /// <summary>Brightness amount.</summary>
    public float Brightness { get; }

    /// <summary>Contrast amount.</summary>
    public float Contrast { get; }

    /// <summary>Saturation amount.</summary>
    public float Saturation { get; }

    /// <summary>Maximum hue shift (fraction of the colour circle).</summary>
    public float Hue { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input)
    {
        ColorOps.RequireGreyOrRgb(input, nameof(ColorJitter));
        return input;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        ColorOps.RequireGreyOrRgb(geometry, nameof(ColorJitter));
        Span<int> order = [0, 1, 2, 3];
        rng.Shuffle(order);
        var b = Brightness > 0 ? rng.Uniform(Math.Max(0, 1 - Brightness), 1 + Brightness) : 1f;
        var c = Contrast > 0 ? rng.Uniform(Math.Max(0, 1 - Contrast), 1 + Contrast) : 1f;
        var s = Saturation > 0 ? rng.Uniform(Math.Max(0, 1 - Saturation), 1 + Saturation) : 1f;
        var h = Hue > 0 ? rng.Uniform(-Hue, Hue) : 0f;
        src.CopyTo(dst);
        foreach (var op in order)
            Adjust(dst, geometry, op, op switch { 0 => b, 1 => c, 2 => s, _ => h });
    }

    /// <summary>Applies adjustment <paramref name="op"/> (0 brightness, 1 contrast, 2 saturation, 3 hue) in place,
    /// skipping disabled ones and the colour-only ones on grey images.</summary>
    internal void Adjust(Span<float> img, ImageGeometry g, int op, float factor)
    {
        var rgb = g.Channels == 3;
        switch (op)
        {
            case 0 when Brightness > 0: ColorOps.Brightness(img, factor); break;
            case 1 when Contrast > 0: ColorOps.Contrast(img, g, factor); break;
            case 2 when Saturation > 0 && rgb: ColorOps.Saturation(img, g.Plane, factor); break;
            case 3 when Hue > 0 && rgb: ColorOps.Hue(img, g.Plane, factor); break;
        }
    }
}
