using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// Rotates the image about its centre ((W-1)/2, (H-1)/2) by an angle ~ U(<see cref="MinDegrees"/>,
/// <see cref="MaxDegrees"/>) degrees, counter-clockwise for positive angles (torchvision convention),
/// bilinear, same size, zeros outside. Output (x, y) samples the input at c + R(-a)(p - c) in y-down
/// coordinates: x_s = cx + cos a (x - cx) - sin a (y - cy), y_s = cy + sin a (x - cx) + cos a (y - cy).
/// </summary>
public sealed class Rotation : IImageAugmentation
{
    /// <summary>Creates the transform for angles in [<paramref name="minDegrees"/>, <paramref name="maxDegrees"/>].</summary>
    /// <exception cref="ArgumentException">The range is empty or not finite.</exception>
    public Rotation(float minDegrees, float maxDegrees)
    {
        if (!(float.IsFinite(minDegrees) && float.IsFinite(maxDegrees) && minDegrees <= maxDegrees))
            throw new ArgumentException($"Rotation: degree range must be finite with min <= max, got ({minDegrees}, {maxDegrees})");
        (MinDegrees, MaxDegrees) = (minDegrees, maxDegrees);
    }

    /// <summary>Smallest angle in degrees.</summary>
    public float MinDegrees { get; }

    /// <summary>Largest angle in degrees.</summary>
    public float MaxDegrees { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input) => input;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch) =>
        Rotate(src, geometry, dst, rng.Uniform(MinDegrees, MaxDegrees));

    /// <summary>Rotates by exactly <paramref name="degrees"/>.</summary>
    internal static void Rotate(ReadOnlySpan<float> src, ImageGeometry g, Span<float> dst, float degrees)
    {
        var radians = degrees * MathF.PI / 180f;
        float cos = MathF.Cos(radians), sin = MathF.Sin(radians);
        int h = g.Height, w = g.Width;
        float cx = (w - 1) * 0.5f, cy = (h - 1) * 0.5f;
        for (var c = 0; c < g.Channels; c++)
        {
            var plane = src.Slice(c * g.Plane, g.Plane);
            var outPlane = dst.Slice(c * g.Plane, g.Plane);
            for (var y = 0; y < h; y++)
            {
                var dy = y - cy;
                for (var x = 0; x < w; x++)
                {
                    var dx = x - cx;
                    outPlane[y * w + x] = Bilinear.SampleZeroPadded(plane, h, w, cx + cos * dx - sin * dy, cy + sin * dx + cos * dy);
                }
            }
        }
    }
}
